package dev.gantry.server.web;

import dev.gantry.gate.GateReport;
import dev.gantry.impact.ImpactAnalysis;
import dev.gantry.impact.ImpactReport;
import dev.gantry.overview.ReleaseOverview;
import dev.gantry.plan.Communication;
import dev.gantry.plan.GateCategory;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Role;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.gate.GateRunStore;
import dev.gantry.server.gate.ServerGateRunner;
import dev.gantry.server.gate.WaiverStore;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.release.ReleaseStore;
import dev.gantry.server.signoff.SignOffStore;
import dev.gantry.signoff.SignOff;
import dev.gantry.signoff.SignOffStatus;
import dev.gantry.timeline.Timeline;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /} (every release) and {@code /releases/{product}/{version}} (one release), with the
 * actions taken from it: re-running the server's gate checks (operate) and signing off (approve).
 */
final class ReleasePages {
    private final Web web;
    private final ReleaseStore releases;
    private final SignOffStore signoffs;
    private final WaiverStore waivers;
    private final GateRunStore gateRuns;
    private final ServerGateRunner gateRunner;
    private final RolloutPages rollouts;
    private final Clock clock;

    ReleasePages(Web web, ReleaseStore releases, SignOffStore signoffs, WaiverStore waivers, GateRunStore gateRuns,
            ServerGateRunner gateRunner, RolloutPages rollouts, Clock clock) {
        this.rollouts = rollouts;
        this.web = web;
        this.releases = releases;
        this.signoffs = signoffs;
        this.waivers = waivers;
        this.gateRuns = gateRuns;
        this.gateRunner = gateRunner;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/", web.page(Scope.READ, (ctx, v) -> web.render(ctx, "releases.jte",
                new ReleaseList(web.chrome(ctx, v, "Releases"), rows()))));
        r.get("/releases/{product}/{version}", web.page(Scope.READ, (ctx, v) -> web.render(ctx, "release.jte",
                view(web.chrome(ctx, v, ctx.pathParam("product") + " " + ctx.pathParam("version")),
                        ctx.pathParam("product"), ctx.pathParam("version"), v))));
        r.post("/releases/{product}/{version}/gate-runs", web.action(Scope.OPERATE, (ctx, v) -> {
            String product = ctx.pathParam("product");
            String version = ctx.pathParam("version");
            ReleaseStore.Loaded loaded = releases.latest(product, version);
            GateReport report = gateRunner.run(loaded.plan(), waivers.waivers(product, version));
            Map<String, Object> run = gateRuns.record(loaded.revision(), GateRunStore.Origin.SERVER, report,
                    v.principal().name(), v.principal().actor());
            web.flash(v, "Gate run " + run.get("run") + ": " + report.verdict().label() + ".");
            back(ctx, product, version, "gates");
        }));
        r.post("/releases/{product}/{version}/signoffs", web.action(Scope.APPROVE, (ctx, v) -> {
            String product = ctx.pathParam("product");
            String version = ctx.pathParam("version");
            String role = Optional.ofNullable(ctx.formParam("role")).orElse("").strip();
            Optional<Long> revision = Optional.ofNullable(ctx.formParam("revision")).map(ReleasePages::number);
            try {
                signoffs.sign(product, version, role, v.principal().name(), v.principal().actor(), revision);
                web.flash(v, "Signed off as " + role + ".");
            } catch (ApiException e) {
                if (e.status() != 422 && e.status() != 409) {
                    throw e;
                }
                web.flash(v, e.getMessage());
            }
            back(ctx, product, version, "signoffs");
        }));
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("The revision must be a number.");
        }
    }

    private static void back(Context ctx, String product, String version, String anchor) {
        ctx.redirect(ReleaseView.path(product, version) + "#" + anchor, HttpStatus.SEE_OTHER);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    List<ReleaseList.Row> rows() {
        List<ReleaseList.Row> rows = new ArrayList<>();
        for (ReleaseStore.Revision rev : releases.list()) {
            ReleaseOverview o = releases.overview(rev.product(), rev.version(), Optional.empty());
            List<Map<String, Object>> runs = gateRuns.list(rev.product(), rev.version());
            String verdict = runs.isEmpty() ? "NONE" : String.valueOf(runs.getLast().get("verdict"));
            String label = runs.isEmpty() ? "No gate run yet" : String.valueOf(runs.getLast().get("label"));
            String rollout = o.rolloutPhases().isEmpty() ? "No rollout planned"
                    : rollouts.summary(rev.product(), rev.version()).orElse("Not started (" + o.rolloutPhases().stream()
                            .map(ReleasePages::percent).collect(Collectors.joining(" → ")) + ")");
            rows.add(new ReleaseList.Row(o.product(), o.version(), o.owner(), o.launch().toString(), o.releaseDay(),
                    words(o.stage().name()), verdict, label, rollout));
        }
        return rows;
    }

    ReleaseView view(Chrome chrome, String product, String version, Web.Visitor v) {
        ReleaseStore.Loaded loaded = releases.latest(product, version);
        ReleasePlan plan = loaded.plan();
        LocalDate today = today();
        Timeline timeline = Timeline.of(plan, today);
        List<Timeline.Entry> before = timeline.entries().stream().filter(e -> !e.date().isAfter(today)).toList();
        List<Timeline.Entry> after = timeline.entries().stream().filter(e -> e.date().isAfter(today)).toList();
        List<Map<String, Object>> runs = gateRuns.list(product, version);
        Map<String, Object> latest = runs.isEmpty() ? Map.of() : gateRuns.latest(product, version);
        String verdict = runs.isEmpty() ? "NONE" : String.valueOf(latest.get("verdict"));
        String label = runs.isEmpty() ? "No gate run yet" : String.valueOf(latest.get("label"));
        String gateRun = runs.isEmpty() ? "No gate run yet: run 'gantry gate run --report' or re-run the server's checks."
                : "Run " + latest.get("run") + " (" + latest.get("origin") + ", revision " + latest.get("revision")
                        + ") by " + latest.get("ranBy") + " at " + latest.get("decidedAt");
        ImpactReport impact = ImpactAnalysis.of(plan);
        return new ReleaseView(chrome, product, version, loaded.revision().revision(), plan.release().owner(),
                plan.release().target().toString(), timeline.todayAsReleaseDay(),
                words(ReleaseOverview.of(plan, today).stage().name()), verdict, label, gateRun, before, after,
                today.toString(), plan.shippedChanges(), plan.changes().size() - plan.shippedChanges().size(),
                impact.audiences(), gates(plan, latest), signRows(plan, signoffs.status(product, version), v),
                voided(signoffs.status(product, version)), rollouts.panel(product, version, plan, v, chrome.csrf()),
                RolloutPages.charts(plan), communications(plan, today));
    }

    @SuppressWarnings("unchecked")
    private static List<ReleaseView.GateGroup> gates(ReleasePlan plan, Map<String, Object> latest) {
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        Object items = latest.get("items");
        if (items instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    results.put(String.valueOf(m.get("id")), (Map<String, Object>) m);
                }
            }
        }
        List<ReleaseView.GateGroup> groups = new ArrayList<>();
        for (GateCategory category : plan.gates()) {
            List<ReleaseView.GateRow> rows = new ArrayList<>();
            for (GateCategory.Item item : category.items()) {
                Map<String, Object> r = results.get(item.id());
                List<String> evidence = r != null && r.get("evidence") instanceof List<?> ev
                        ? ev.stream().map(String::valueOf).toList() : List.of();
                rows.add(new ReleaseView.GateRow(item.id(), item.title(), item.required(), item.check().type(),
                        r == null ? "NOT_RUN" : String.valueOf(r.get("status")),
                        r == null ? "Not run yet." : String.valueOf(r.get("reason")), evidence));
            }
            groups.add(new ReleaseView.GateGroup(category.id(), rows));
        }
        return groups;
    }

    private static List<ReleaseView.SignRow> signRows(ReleasePlan plan, SignOffStatus status, Web.Visitor v) {
        String me = v.principal().name();
        boolean alreadySigned = status.valid().stream().anyMatch(s -> s.by().equalsIgnoreCase(me));
        List<ReleaseView.SignRow> rows = new ArrayList<>();
        for (String role : plan.signoffs()) {
            Optional<SignOff> signed = status.valid().stream().filter(s -> s.role().equals(role)).findFirst();
            if (signed.isPresent()) {
                rows.add(new ReleaseView.SignRow(role, "signed", signed.get().by(), signed.get().at().toString(), false));
                continue;
            }
            List<String> members = plan.role(role).map(Role::members).orElse(List.of());
            boolean holds = members.isEmpty() || members.stream().anyMatch(m -> m.equalsIgnoreCase(me));
            rows.add(new ReleaseView.SignRow(role, "outstanding", "", "",
                    v.has(Scope.APPROVE) && holds && !alreadySigned));
        }
        return rows;
    }

    private static List<ReleaseView.SignRow> voided(SignOffStatus status) {
        return status.voided().stream()
                .map(s -> new ReleaseView.SignRow(s.role(), "voided", s.by(), s.at().toString(), false)).toList();
    }

    private static List<ReleaseView.CommRow> communications(ReleasePlan plan, LocalDate today) {
        LocalDate launch = plan.release().target();
        List<ReleaseView.CommRow> rows = new ArrayList<>();
        for (Communication c : plan.communications()) {
            Optional<LocalDate> date = c.when().map(d -> d.resolve(launch));
            String status = date.map(d -> d.isBefore(today) ? "PAST" : d.equals(today) ? "TODAY" : "UPCOMING")
                    .orElse("ON " + c.trigger().name());
            rows.add(new ReleaseView.CommRow(c.id(), c.audience(), words(c.medium().name()),
                    c.when().map(d -> d.text()).orElse("on " + words(c.trigger().name())),
                    date.map(LocalDate::toString).orElse(""), c.at().toString(), c.subject().orElse(""),
                    c.via().orElse("by hand"), status));
        }
        rows.sort((a, b) -> a.date().isEmpty() == b.date().isEmpty() ? a.date().compareTo(b.date())
                : a.date().isEmpty() ? 1 : -1);
        return rows;
    }

    static String percent(double p) {
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
    }

    static String words(String enumName) {
        String s = enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
