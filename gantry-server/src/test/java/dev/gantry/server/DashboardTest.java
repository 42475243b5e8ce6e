package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard over HTTP as a browser without JavaScript sees it: sessions, CSRF, scopes, pages. */
class DashboardTest {
    @TempDir
    Path dir;
    TestServer server;
    WebClient web;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(TestServer.config(TestDatabases.create(TestDatabases.Kind.SQLITE, dir).url(), dir).withExamples(Path.of("../examples").toAbsolutePath()));
        web = new WebClient(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String token(String name, String... scopes) {
        String list = String.join("\",\"", scopes);
        TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN,
                "{\"name\":\"" + name + "\",\"scopes\":[\"" + list + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    @Nested
    class SignIn {
        @Test
        void page_anonymous_redirectsToSignIn() {
            HttpResponse<String> r = web.get("/releases/platform/1.2.0");
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Freleases%2Fplatform%2F1.2.0");
        }

        @Test
        void signIn_validToken_setsHttpOnlyStrictCookieAndShowsReleases() {
            HttpResponse<String> r = web.signIn(TestServer.ADMIN);
            assertThat(r.statusCode()).isEqualTo(303);
            String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gantry_session="))
                    .findFirst().orElseThrow();
            assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
            String page = web.follow("/").body();
            assertThat(page).contains("platform 1.2.0").contains("Invoicing").contains("href=\"/releases/Gonthia%20CRM/1.0.0\"");
            assertThat(web.follow("/releases/Gonthia%20CRM/1.0.0").body()).contains("<h1>Gonthia CRM 1.0.0</h1>");
        }

        @Test
        void signIn_unknownToken_refusedWithoutEchoingIt() {
            String canary = "gat_canary-" + "x".repeat(40);
            HttpResponse<String> r = web.signIn(canary);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("unknown or revoked").doesNotContain(canary);
            assertThat(web.get("/").statusCode()).isEqualTo(303);
        }

        @Test
        void signIn_tooManyFailures_refusedWith429() {
            for (int i = 0; i < 10; i++) {
                web.signIn("gat_wrong" + i);
            }
            HttpResponse<String> r = web.signIn(TestServer.ADMIN);
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).contains("Too many failed sign-ins");
        }

        @Test
        void signIn_withoutFormNonce_refused() {
            HttpResponse<String> r = web.post("/login", Map.of("token", TestServer.ADMIN));
            assertThat(r.statusCode()).isEqualTo(403);
        }

        @Test
        void logout_endsTheSession() {
            web.signIn(TestServer.ADMIN);
            web.submit("/", "/logout", Map.of());
            assertThat(web.get("/").statusCode()).isEqualTo(303);
        }

        @Test
        void session_tokenRevoked_endsAtOnce() {
            String token = token("temp", "read");
            web.signIn(token);
            assertThat(web.get("/").statusCode()).isEqualTo(200);
            String id = server.get("/api/v1/tokens", TestServer.ADMIN).json().get("tokens").get(0).get("id").asText();
            assertThat(server.call("DELETE", "/api/v1/tokens/" + id, TestServer.ADMIN, null).status()).isLessThan(300);
            assertThat(web.get("/").statusCode()).isEqualTo(303);
        }
    }

    @Nested
    class Security {
        @Test
        void page_hasCspAllowingOnlySelfAndNoInlineScript() {
            web.signIn(TestServer.ADMIN);
            HttpResponse<String> r = web.get("/releases/platform/1.2.0");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        }

        @Test
        void action_withoutCsrfToken_refused() {
            web.signIn(TestServer.ADMIN);
            HttpResponse<String> r = web.post("/releases/platform/1.2.0/signoffs", Map.of("role", "engineering-lead"));
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("security token");
        }

        @Test
        void action_lackingScope_refusedAndControlHidden() {
            web.signIn(token("viewer", "read"));
            String page = web.follow("/releases/platform/1.2.0").body();
            assertThat(page).doesNotContain("Re-run the server").doesNotContain(">Sign off<");
            HttpResponse<String> r = web.submit("/releases/platform/1.2.0", "/releases/platform/1.2.0/gate-runs", Map.of());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("lacks the 'operate' scope");
        }

        @Test
        void pages_neverShowTheSignedInToken() {
            String canary = token("canary-holder", "read", "flags", "operate", "approve");
            web.signIn(canary);
            for (String path : new String[] {"/", "/releases/platform/1.2.0", "/flags/production", "/audit", "/status",
                    "/releases/nope/1.0.0"}) {
                HttpResponse<String> r = web.get(path);
                assertThat(r.body()).as(path).doesNotContain(canary).doesNotContain(canary.substring(4, 30));
                assertThat(r.headers().map().toString()).as(path).doesNotContain(canary);
            }
        }

        @Test
        void assets_servedWithLongCacheAndOnlyKnownFiles() {
            web.signIn(TestServer.ADMIN);
            String page = web.follow("/").body();
            String js = page.replaceAll("(?s).*<script src=\"(/assets/htmx\\.[0-9a-f]+\\.js)\".*", "$1");
            HttpResponse<String> r = web.get(js);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000");
            assertThat(r.body()).contains("htmx");
            assertThat(web.get("/assets/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class ReleasePage {
        @Test
        void release_showsTimelineChangesGatesSignOffsAndCommunications() {
            web.signIn(TestServer.ADMIN);
            String page = web.follow("/releases/platform/1.2.0").body();
            assertThat(page).contains("id=\"today-marker\"").contains("Code freeze")
                    .contains("Cloud Run services move to the 1.2 configuration").contains("badge breaking")
                    .contains("Migration impact by audience").contains("engineering-lead")
                    .contains("No gate run yet").contains("id=\"communications\"");
        }

        @Test
        void rerun_operator_recordsServerRunAndShowsResults() {
            web.signIn(TestServer.ADMIN);
            HttpResponse<String> r = web.submit("/releases/platform/1.2.0", "/releases/platform/1.2.0/gate-runs", Map.of());
            assertThat(r.statusCode()).isEqualTo(303);
            String page = web.follow("/releases/platform/1.2.0").body();
            assertThat(page).contains("Gate run 1:").contains("Run 1 (server").doesNotContain("Not run yet.");
        }

        @Test
        void signOff_roleMember_signsAndShowsIt() {
            web.signIn(token("omar.haddad", "read", "approve"));
            String before = web.follow("/releases/platform/1.2.0").body();
            assertThat(before).contains("aria-label=\"Sign off as engineering-lead\"")
                    .doesNotContain("aria-label=\"Sign off as billing-lead\"");
            HttpResponse<String> r = web.submit("/releases/platform/1.2.0", "/releases/platform/1.2.0/signoffs",
                    Map.of("role", "engineering-lead"));
            assertThat(r.statusCode()).isEqualTo(303);
            String after = web.follow("/releases/platform/1.2.0").body();
            assertThat(after).contains("Signed off as engineering-lead.")
                    .containsPattern("(?s)data-role=\"engineering-lead\">.*?signed</span>.*?omar.haddad");
        }

        @Test
        void signOff_notAMember_refusedWithTheRule() {
            web.signIn(token("mallory", "read", "approve"));
            web.submit("/releases/platform/1.2.0", "/releases/platform/1.2.0/signoffs", Map.of("role", "billing-lead"));
            String page = web.follow("/releases/platform/1.2.0").body();
            assertThat(page).contains("mallory does not hold role 'billing-lead'");
        }

        @Test
        void release_unknown_answers404Page() {
            web.signIn(TestServer.ADMIN);
            HttpResponse<String> r = web.get("/releases/nope/9.9.9");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(r.body()).contains("No release nope 9.9.9");
        }
    }


    @Nested
    class Flags {
        void flag(String env, String key) {
            assertThat(server.put("/api/v1/environments/" + env + "/flags/" + key, TestServer.ADMIN,
                    TestServer.booleanFlag(key, true)).status()).isLessThan(300);
            assertThat(server.post("/api/v1/environments/" + env + "/flags/" + key + "/rollout", TestServer.ADMIN,
                    "{\"percent\":25}").status()).isEqualTo(200);
        }

        @Test
        void flags_showStateAndRolloutPercentage() {
            flag("production", "new-checkout");
            web.signIn(TestServer.ADMIN);
            String page = web.follow("/flags").body();
            assertThat(page).contains("Flags in production").contains("href=\"/flags/staging\"");
            page = web.follow("/flags/production").body();
            assertThat(page).containsPattern("(?s)data-flag=\"new-checkout\".*?badge on.*?25%.*?25% on, 75% off");
        }

        @Test
        void kill_confirmed_turnsTheFlagOffForSdks() {
            flag("production", "new-checkout");
            web.signIn(TestServer.ADMIN);
            String confirm = web.follow("/flags/production/new-checkout/kill").body();
            assertThat(confirm).contains("Kill new-checkout in production?");
            HttpResponse<String> r = web.submit("/flags/production/new-checkout/kill", "/flags/production/new-checkout/kill",
                    Map.of());
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(web.follow("/flags/production").body()).contains("Killed new-checkout in production")
                    .containsPattern("(?s)data-flag=\"new-checkout\".*?badge off");
            assertThat(server.get("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN).json()
                    .path("definition").path("on").asBoolean(true)).isFalse();
            assertThat(server.get("/api/v1/audit?target=flag:production/new-checkout", TestServer.ADMIN).body())
                    .contains("flag.kill");
        }

        @Test
        void kill_withoutFlagsScope_notOfferedAndRefused() {
            flag("production", "new-checkout");
            web.signIn(token("viewer", "read"));
            assertThat(web.follow("/flags/production").body()).doesNotContain("/kill");
            HttpResponse<String> r = web.submit("/flags/production", "/flags/production/new-checkout/kill", Map.of());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(server.get("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN).json()
                    .path("definition").path("on").asBoolean()).isTrue();
        }
    }

    @Nested
    class Admin {
        @Test
        void audit_showsEntriesNewestFirstFilteredWithVerifiedChain() {
            token("alpha", "read");
            token("beta", "read");
            web.signIn(TestServer.ADMIN);
            String page = web.follow("/audit?action=token.create").body();
            assertThat(page).contains("The chain of").contains("entries verifies").contains("token.create")
                    .doesNotContain("release.push");
            assertThat(page.indexOf("token:")).isPositive();
            String all = web.follow("/audit").body();
            assertThat(all).contains("release.push");
        }

        @Test
        void audit_tamperedEntry_showsBrokenChain() {
            token("alpha", "read");
            TestDatabases.exec(server.config.databaseUrl().orElseThrow(),
                    "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
            web.signIn(TestServer.ADMIN);
            assertThat(web.follow("/audit").body()).contains("The chain is broken at entry 2");
        }

        @Test
        void tokens_adminCreates_tokenShownOnceAndWorks() {
            web.signIn(TestServer.ADMIN);
            HttpResponse<String> r = web.post("/tokens", Map.of("_csrf", WebClient.csrf(web.follow("/tokens").body()),
                    "name", "ci-bot", "scope", "read"));
            assertThat(r.statusCode()).isEqualTo(201);
            String token = r.body().replaceAll("(?s).*id=\"new-token\">(gat_[^<]+)<.*", "$1");
            assertThat(token).startsWith("gat_");
            assertThat(server.get("/api/v1/whoami", token).status()).isEqualTo(200);
            assertThat(web.follow("/tokens").body()).contains("ci-bot").doesNotContain(token);
        }

        @Test
        void tokens_nonAdmin_refused() {
            web.signIn(token("viewer", "read", "flags"));
            assertThat(web.follow("/").body()).doesNotContain("href=\"/tokens\"");
            assertThat(web.get("/tokens").statusCode()).isEqualTo(403);
        }

        @Test
        void tokens_revoke_endsThatTokensAccess() {
            String victim = token("victim", "read");
            web.signIn(TestServer.ADMIN);
            String page = web.follow("/tokens").body();
            String id = page.replaceAll("(?s).*<tr data-token=\"([^\"]+)\"><th scope=\"row\">victim<.*", "$1");
            HttpResponse<String> r = web.submit("/tokens", "/tokens/" + id + "/revoke", Map.of());
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(server.get("/api/v1/whoami", victim).status()).isEqualTo(401);
        }
    }

    @Nested
    class Status {
        @Test
        void status_anonymous_rendersWithoutSignInOrScript() {
            HttpResponse<String> r = web.get("/status");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("id=\"indicator\"").contains("All Systems Operational")
                    .doesNotContain("Signed in as");
        }

        @Test
        void status_openIncident_shownWithItsUpdate() {
            TestServer.Response opened = server.post("/api/v1/status/incidents", TestServer.ADMIN,
                    "{\"name\":\"Checkout errors\",\"impact\":\"major\",\"status\":\"investigating\","
                            + "\"body\":\"We are looking into failed payments.\"}");
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            String page = web.get("/status").body();
            assertThat(page).contains("Checkout errors").contains("We are looking into failed payments.")
                    .contains("Partial System Outage");
        }
    }
}
