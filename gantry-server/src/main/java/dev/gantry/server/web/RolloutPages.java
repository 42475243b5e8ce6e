package dev.gantry.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Rollout;
import dev.gantry.plan.Threshold;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.flag.Environments;
import dev.gantry.server.http.JsonBody;
import dev.gantry.server.release.ReleaseStore;
import dev.gantry.server.rollout.RolloutDesk;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release page's rollout panel and its controls: start (operate; admins may force without a
 * GO verdict), pause, resume, promote, and abort, which rolls back and is confirmed on its own
 * page. {@code .../rollout/stream} sends the panel as HTML ({@code event: panel}, swapped by htmx)
 * and the guard readings as JSON ({@code event: guards}, drawn by Chart.js) whenever they change.
 */
final class RolloutPages {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutPages.class);
    private final Web web;
    private final RolloutDesk desk;
    private final ReleaseStore releases;
    private final Environments environments;

    RolloutPages(Web web, RolloutDesk desk, ReleaseStore releases, Environments environments) {
        this.web = web;
        this.desk = desk;
        this.releases = releases;
        this.environments = environments;
    }

    void register(RoutesConfig r) {
        String base = "/releases/{product}/{version}/rollout";
        r.post(base + "/start", web.action(Scope.OPERATE, (ctx, v) -> {
            String env = Optional.ofNullable(ctx.formParam("environment")).orElse("production");
            boolean force = "on".equals(ctx.formParam("force"));
            desk.start(product(ctx), version(ctx), env, force, v.principal());
            done(ctx, v, "Rollout started in " + env + ".");
        }));
        r.post(base + "/pause", web.action(Scope.OPERATE, (ctx, v) -> {
            desk.pause(product(ctx), version(ctx), "paused from the dashboard", v.principal());
            done(ctx, v, "Rollout paused.");
        }));
        r.post(base + "/resume", web.action(Scope.OPERATE, (ctx, v) -> {
            desk.resume(product(ctx), version(ctx), v.principal());
            done(ctx, v, "Rollout resumed.");
        }));
        r.post(base + "/promote", web.action(Scope.OPERATE, (ctx, v) -> {
            desk.promote(product(ctx), version(ctx), v.principal());
            done(ctx, v, "Rollout promoted to the next phase.");
        }));
        r.get(base + "/abort", web.page(Scope.OPERATE, (ctx, v) -> {
            RolloutPanel panel = panel(product(ctx), version(ctx), releases.latest(product(ctx), version(ctx)).plan(),
                    v, "");
            web.render(ctx, "rollback-confirm.jte", new RollbackConfirm(web.chrome(ctx, v, "Roll back"),
                    product(ctx), version(ctx), panel));
        }));
        r.post(base + "/abort", web.action(Scope.OPERATE, (ctx, v) -> {
            String reason = Optional.ofNullable(ctx.formParam("reason")).map(String::strip).filter(s -> !s.isEmpty())
                    .orElse("rolled back from the dashboard");
            desk.abort(product(ctx), version(ctx), reason, v.principal());
            done(ctx, v, "Rollout aborted: the flag is back to 0% and the rollback runs.");
        }));
        r.get(base + "/stream", web.page(Scope.READ, this::stream));
    }

    private static String product(Context ctx) {
        return ctx.pathParam("product");
    }

    private static String version(Context ctx) {
        return ctx.pathParam("version");
    }

    private void done(Context ctx, Web.Visitor v, String message) {
        web.flash(v, message);
        ctx.redirect(ReleaseView.path(product(ctx), version(ctx)) + "#rollout", HttpStatus.SEE_OTHER);
    }

    /** The panel for the release's latest rollout, or for the plan's rollout before one starts. */
    RolloutPanel panel(String product, String version, ReleasePlan plan, Web.Visitor v, String csrf) {
        String path = ReleaseView.path(product, version);
        Optional<Rollout> spec = plan.rollout();
        if (spec.isEmpty()) {
            return new RolloutPanel(path, csrf, false, false, "", "", "No rollout planned", 0, "", List.of(),
                    List.of(), List.of(), false, false, false, false, false);
        }
        Optional<Map<String, Object>> status = desk.status(product, version);
        boolean operate = v.has(Scope.OPERATE);
        if (status.isEmpty()) {
            List<RolloutPanel.Phase> phases = spec.get().phases().stream()
                    .map(p -> new RolloutPanel.Phase(p.name(), ReleasePages.percent(p.percent()), "pending")).toList();
            List<RolloutPanel.Guard> guards = spec.get().guards().stream().map(g -> new RolloutPanel.Guard(g.id(),
                    g.source().name().toLowerCase(), g.when().map(Threshold::text).orElse(""), "", "not started", "",
                    g.action().name().toLowerCase())).toList();
            return new RolloutPanel(path, csrf, true, false, spec.get().flag(), "", "not started", 0, "", phases,
                    guards, environments.names(), operate, false, false, false, false);
        }
        Map<String, Object> s = status.get();
        String state = String.valueOf(s.get("state"));
        boolean finished = state.equals("completed") || state.equals("rolled-back");
        List<RolloutPanel.Phase> phases = new ArrayList<>();
        for (Map<String, Object> p : list(s.get("phases"))) {
            phases.add(new RolloutPanel.Phase(String.valueOf(p.get("name")),
                    ReleasePages.percent(((Number) p.get("percent")).doubleValue()), String.valueOf(p.get("status"))));
        }
        List<RolloutPanel.Guard> guards = new ArrayList<>();
        for (Map<String, Object> g : list(s.get("guards"))) {
            guards.add(new RolloutPanel.Guard(String.valueOf(g.get("id")), String.valueOf(g.get("source")),
                    g.get("threshold") == null ? "" : String.valueOf(g.get("threshold")), value(g),
                    String.valueOf(g.get("status")), g.get("detail") == null ? "" : String.valueOf(g.get("detail")),
                    String.valueOf(g.get("action"))));
        }
        String detail = switch (state) {
            case "paused" -> "Paused: " + s.get("pausedReason");
            case "rolled-back" -> "Rolled back: " + s.get("cause");
            case "awaiting-approval" -> "Waiting for " + s.get("awaitingApproval") + " to approve the next phase.";
            default -> "";
        };
        return new RolloutPanel(path, csrf, true, true, spec.get().flag(), String.valueOf(s.get("environment")),
                state, ((Number) s.get("percent")).doubleValue(), detail, phases, guards, environments.names(),
                operate && finished, operate && (state.equals("running") || state.equals("awaiting-approval")),
                operate && state.equals("paused"), operate && (state.equals("running")
                        || state.equals("awaiting-approval")), operate && !finished);
    }

    /** @return the release's rollout in words ({@code running at 10% in production}), once one exists */
    Optional<String> summary(String product, String version) {
        return desk.status(product, version).map(s -> s.get("state") + " at "
                + ReleasePages.percent(((Number) s.get("percent")).doubleValue()) + " in " + s.get("environment"));
    }

    /** One chart per guard, with the threshold line where the guard has one. */
    static List<RolloutPanel.Chart> charts(ReleasePlan plan) {
        return plan.rollout().map(r -> r.guards().stream().map(g -> new RolloutPanel.Chart(g.id(),
                g.when().map(Threshold::text).orElse(""), g.when().map(Threshold::value).orElse(0.0),
                g.when().isPresent())).toList()).orElse(List.of());
    }

    private static String value(Map<String, Object> g) {
        if (g.get("value") instanceof Number n) {
            return String.valueOf(Math.round(n.doubleValue() * 1_000_000) / 1_000_000.0);
        }
        if (g.get("healthy") instanceof Boolean b) {
            return b ? "healthy" : "failing";
        }
        return "";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** Sends the panel and the guard readings whenever the rollout changes, until the browser leaves. */
    private void stream(Context ctx, Web.Visitor v) throws InterruptedException {
        String product = product(ctx);
        String version = version(ctx);
        ReleasePlan plan = releases.latest(product, version).plan();
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("X-Accel-Buffering", "no");
        try {
            OutputStream out = res.getOutputStream();
            write(out, ": connected\n\n");
            String sent = "";
            long quiet = 0;
            while (!Thread.currentThread().isInterrupted()) {
                long seen = desk.changes();
                if (web.visitor(ctx).isEmpty()) {
                    return;
                }
                Optional<Map<String, Object>> status = desk.status(product, version);
                String json = status.map(RolloutPages::guardsJson).orElse("[]");
                String html = web.render("rollout-panel.jte", panel(product, version, plan, v, v.session().csrf()));
                if (!(json + html).equals(sent)) {
                    write(out, "event: guards\ndata: " + json + "\n\n");
                    write(out, "event: panel\n" + html.lines().map(l -> "data: " + l + "\n")
                            .reduce(new StringBuilder(), StringBuilder::append, StringBuilder::append) + "\n");
                    sent = json + html;
                    quiet = 0;
                } else if (++quiet % 15 == 0) {
                    write(out, ": heartbeat\n\n");
                }
                desk.awaitChange(seen, 1000);
            }
        } catch (IOException e) {
            // the browser went away
        } catch (RuntimeException e) {
            // the response is committed, so no error page can follow: end the stream; the browser's
            // EventSource reconnects, and a page reload shows the error
            LOG.debug("Dashboard rollout stream of {} {} ended: {}", product, version, e.getClass().getName());
        }
    }

    private static String guardsJson(Map<String, Object> status) {
        List<Map<String, Object>> guards = new ArrayList<>();
        for (Map<String, Object> g : list(status.get("guards"))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.get("id"));
            m.put("value", g.get("value"));
            m.put("status", g.get("status"));
            Object reading = g.get("reading");
            if (reading instanceof com.fasterxml.jackson.databind.JsonNode node && node.has("at")) {
                m.put("at", node.get("at").asText());
            }
            guards.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("state", status.get("state"));
        root.put("percent", status.get("percent"));
        root.put("guards", guards);
        try {
            return JsonBody.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("guard readings did not serialise", e);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
