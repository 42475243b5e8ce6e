package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser (Debian's headless chromium): a release owner's session from
 * sign-in to killing a flag, each step saving a screenshot under target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    @TempDir
    static Path dir;
    TestServer server;
    Browser browser;
    String signer;

    @BeforeAll
    void start() {
        browser = Browser.start();
        server = TestServer.start(TestServer.config(TestDatabases.create(TestDatabases.Kind.SQLITE, dir).url(), dir)
                .withExamples(Path.of("../examples").toAbsolutePath()));
        TestServer.Response r = server.post("/api/v1/tokens", TestServer.ADMIN,
                "{\"name\":\"omar.haddad\",\"scopes\":[\"read\",\"approve\",\"operate\",\"flags\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        signer = r.json().get("token").asText();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    String url(String path) {
        return server.uri().resolve(path).toString();
    }

    @Test
    @Order(1)
    void signIn_withToken_showsTheReleases() {
        browser.open(url("/releases/platform/1.2.0"));
        browser.find(By.id("token")).sendKeys(signer);
        Path before = browser.screenshot("01-sign-in");
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.waitForText("Signed in as omar.haddad");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/releases/platform/1.2.0");
        assertThat(Files.exists(before)).isTrue();
    }

    @Test
    @Order(2)
    void release_example_showsTimelineGatesAndSignOffs() {
        browser.open(url("/"));
        browser.click(By.linkText("platform 1.2.0"));
        browser.waitForText("Migration impact by audience");
        assertThat(browser.text(By.id("today-marker"))).contains("Today");
        assertThat(browser.driver.findElements(By.cssSelector(".badge.breaking"))).isNotEmpty();
        browser.screenshot("02-release");
    }

    @Test
    @Order(3)
    void signOff_asRoleMember_showsSigned() {
        browser.open(url("/releases/platform/1.2.0"));
        WebElement button = browser.find(By.cssSelector("button[aria-label='Sign off as engineering-lead']"));
        button.click();
        browser.waitForText("Signed off as engineering-lead.");
        WebElement row = browser.find(By.cssSelector("tr[data-role='engineering-lead']"));
        assertThat(row.getText()).contains("signed").contains("omar.haddad");
        browser.screenshot("03-signed-off");
    }

    @Test
    @Order(10)
    void killFlag_confirmed_showsOff() {
        assertThat(server.put("/api/v1/environments/production/flags/new-checkout", TestServer.ADMIN,
                TestServer.booleanFlag("new-checkout", true)).status()).isLessThan(300);
        browser.open(url("/flags/production"));
        browser.click(By.cssSelector("tr[data-flag='new-checkout'] a.danger"));
        browser.waitForText("Kill new-checkout in production?");
        browser.screenshot("10-kill-confirm");
        browser.click(By.id("confirm-kill"));
        browser.waitForText("Killed new-checkout in production");
        assertThat(browser.text(By.cssSelector("tr[data-flag='new-checkout']"))).contains("off");
        browser.screenshot("11-flag-killed");
    }

    static final String ROLLOUT_PLAN = """
            apiVersion: gantry/v1
            release: { product: shop, version: 3.0.0, owner: dana, target: 2026-12-20 }
            flags: [{ key: checkout-v2 }]
            rollout:
              flag: checkout-v2
              phases:
                - { name: canary, percent: 10, hold: 1h }
                - { name: everyone, percent: 100 }
              guards:
                - { id: error-rate, source: sdk, query: error-rate, when: "> 5%", for: 1h, action: rollback }
              evaluationInterval: 1s
            """;

    void postErrors(String sdkKey, int evaluations, int errors) {
        String now = java.time.Instant.now().toString();
        String batch = """
                {"sdk":"gantry-java/0.1.0","snapshotVersion":"1","from":"%s","to":"%s",
                 "variants":[{"flag":"checkout-v2","variant":"on","evaluations":%d,"events":{"error":%d}}],"errors":[]}"""
                .formatted(now, now, evaluations, errors);
        assertThat(server.post("/sdk/v1/metrics", sdkKey, batch).status()).isEqualTo(202);
    }

    Object points() {
        return browser.driver.executeScript(
                "var c = document.querySelector(\"canvas[data-guard='error-rate']\");"
                        + " var ch = window.Chart && Chart.getChart(c); return ch ? ch.data.datasets[0].data.slice() : null;");
    }

    @Test
    @Order(20)
    void rollout_startAndWatchGuardChartUpdateLive() {
        assertThat(server.post("/api/v1/releases", TestServer.ADMIN, TestServer.JSON.createObjectNode()
                .put("source", "shop/release.yaml").put("plan", ROLLOUT_PLAN).toString()).status()).isLessThan(300);
        assertThat(server.put("/api/v1/environments/production/flags/checkout-v2", TestServer.ADMIN,
                TestServer.booleanFlag("checkout-v2", true)).status()).isLessThan(300);
        String sdkKey = server.sdkKey("production");
        browser.open(url("/releases/shop/3.0.0"));
        browser.click(By.id("rerun-gates"));
        browser.waitForText("Gate run 1: GO");
        browser.click(By.id("start-rollout"));
        browser.waitForText("Rollout started in production.");
        assertThat(browser.text(By.id("rollout-percent"))).isEqualTo("10%");

        postErrors(sdkKey, 1000, 10);
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
                .until(d -> String.valueOf(points()).contains("0.01"));
        assertThat(browser.text(By.cssSelector("tr[data-guard='error-rate'] .guard-value"))).isEqualTo("0.01");
        assertThat(browser.text(By.id("rollout-state"))).as("resumed once the guard has data").isEqualTo("running");
        postErrors(sdkKey, 1000, 30);
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
                .until(d -> String.valueOf(points()).contains("0.02"));
        assertThat(browser.text(By.cssSelector("tr[data-guard='error-rate'] .guard-value"))).isEqualTo("0.02");
        assertThat(browser.driver.getCurrentUrl()).as("updated without reloading").endsWith("#rollout");
        browser.screenshot("20-rollout-live-chart");
    }

    @Test
    @Order(21)
    void rollback_confirmed_setsTheFlagToZero() {
        browser.open(url("/releases/shop/3.0.0"));
        browser.click(By.id("abort-rollout"));
        browser.waitForText("Roll back shop 3.0.0?");
        browser.find(By.id("reason")).sendKeys("checkout errors");
        browser.screenshot("21-rollback-confirm");
        browser.click(By.id("confirm-rollback"));
        browser.waitForText("Rollout aborted");
        assertThat(browser.text(By.id("rollout-state"))).isEqualTo("rolled-back");
        assertThat(browser.text(By.id("rollout-percent"))).isEqualTo("0%");
        browser.screenshot("22-rolled-back");
    }

    @Test
    @Order(30)
    void statusPage_afterTheRollback_showsTheIncidentWithoutSigningIn() {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(15)).until(d -> {
            browser.open(url("/status"));
            return d.findElement(By.tagName("body")).getText().contains("Current incidents");
        });
        assertThat(browser.text(By.cssSelector("[data-incident]"))).contains("shop 3.0.0 rolled back");
        assertThat(browser.text(By.id("indicator"))).doesNotContain("All Systems Operational");
        assertThat(browser.driver.findElements(By.cssSelector("[data-incident]"))).isNotEmpty();
        browser.screenshot("30-status-page");
    }
}
