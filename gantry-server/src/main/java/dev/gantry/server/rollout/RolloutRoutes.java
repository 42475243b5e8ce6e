package dev.gantry.server.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.rollout.RolloutCommand;
import dev.gantry.rollout.RolloutState;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The rollout API under {@code /api/v1/releases/{product}/{version}}: start a rollout
 * ({@code POST /rollouts}), its status, events and a server-sent-event stream of status changes
 * ({@code /rollout}, {@code /rollout/events}, {@code /rollout/stream}), and people's commands
 * ({@code /rollout/pause|resume|promote|approve|abort}).
 */
public final class RolloutRoutes {
    private final Authenticator auth;
    private final RolloutController controller;
    private final RolloutDesk desk;

    /** Body of a start. */
    record Start(String environment, Boolean force) {
        Start {
            environment = environment == null || environment.isBlank() ? "production" : environment.strip();
            force = force != null && force;
        }
    }

    /** Body of pause and abort. */
    record Reason(String reason) {
        Reason {
            reason = reason == null ? "" : reason.strip();
        }
    }

    /** Body of an approval. */
    record Approval(String role) {
        Approval {
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("'role' is required: the role the phase waits for.");
            }
        }
    }

    /**
     * @param auth authenticator
     * @param controller the controller
     * @param desk the status and role checks the dashboard shares
     */
    RolloutRoutes(Authenticator auth, RolloutController controller, RolloutDesk desk) {
        this.auth = auth;
        this.controller = controller;
        this.desk = desk;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        String release = "/api/v1/releases/{product}/{version}";
        r.post(release + "/rollouts", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Start start = ctx.body().isBlank() ? new Start(null, null) : JsonBody.read(ctx, Start.class);
            RolloutStore.Row row = controller.start(ctx.pathParam("product"), ctx.pathParam("version"),
                    start.environment(), start.force(), p);
            JsonBody.respond(ctx, 201, status(row));
        });
        r.get(release + "/rollout", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, status(latest(ctx)));
        });
        r.get(release + "/rollout/events", ctx -> {
            auth.require(ctx, Scope.READ);
            RolloutStore.Row row = latest(ctx);
            JsonBody.respond(ctx, 200, Map.of("rollout", row.id(), "events",
                    controller.store().events(row.id()).stream().map(RolloutStatus::event).toList()));
        });
        r.get(release + "/rollout/stream", this::stream);
        r.post(release + "/rollout/pause", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Reason reason = reason(ctx);
            respond(ctx, controller.command(latest(ctx), past -> new RolloutCommand.Pause(p.name(), reason.reason()),
                    "rollout.pause", p));
        });
        r.post(release + "/rollout/resume", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            respond(ctx, controller.command(latest(ctx), past -> new RolloutCommand.Resume(p.name()), "rollout.resume", p));
        });
        r.post(release + "/rollout/promote", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            RolloutStore.Row row = latest(ctx);
            RolloutState state = controller.engineState(row);
            if (state instanceof RolloutState.AwaitingApproval awaiting) {
                RolloutDesk.requireRole(p, controller.plan(row), awaiting.role());
            }
            respond(ctx, controller.command(row, past -> new RolloutCommand.Promote(p.name()), "rollout.promote", p));
        });
        r.post(release + "/rollout/approve", ctx -> {
            Principal p = auth.require(ctx, Scope.APPROVE);
            Approval approval = JsonBody.read(ctx, Approval.class);
            RolloutStore.Row row = latest(ctx);
            RolloutDesk.requireRole(p, controller.plan(row), approval.role().strip());
            respond(ctx, controller.command(row, past -> new RolloutCommand.Approve(p.name(), approval.role().strip()),
                    "rollout.approve", p));
        });
        r.post(release + "/rollout/abort", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Reason reason = reason(ctx);
            respond(ctx, controller.command(latest(ctx), past -> new RolloutCommand.Abort(p.name(), reason.reason(), past),
                    "rollout.abort", p));
        });
    }

    private static Reason reason(Context ctx) {
        return ctx.body().isBlank() ? new Reason("") : JsonBody.read(ctx, Reason.class);
    }

    private RolloutStore.Row latest(Context ctx) {
        String product = ctx.pathParam("product");
        String version = ctx.pathParam("version");
        return controller.store().latest(product, version).orElseThrow(() -> ApiException.notFound("Release " + product
                + " " + version + " has no rollout; start one with gantry rollout start FILE."));
    }

    private void respond(Context ctx, RolloutStore.Row row) {
        JsonBody.respond(ctx, 200, status(row));
    }

    private Map<String, Object> status(RolloutStore.Row row) {
        return desk.status(row);
    }

    /** Sends {@code event: status} with the whole status whenever it changes; ends after a finished one. */
    private void stream(Context ctx) throws InterruptedException {
        auth.require(ctx, Scope.READ);
        String product = ctx.pathParam("product");
        String version = ctx.pathParam("version");
        latest(ctx);
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        try {
            OutputStream out = res.getOutputStream();
            String sent = "";
            long quiet = 0;
            while (true) {
                long seen = controller.signals().version();
                RolloutStore.Row row = controller.store().latest(product, version).orElseThrow();
                String json = JsonBody.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(status(row));
                if (!json.equals(sent)) {
                    write(out, "event: status\ndata: " + json + "\n\n");
                    sent = json;
                    quiet = 0;
                    if (row.finished()) {
                        return;
                    }
                } else if (++quiet % 15 == 0) {
                    write(out, ": heartbeat\n\n");
                }
                controller.signals().await(seen, 1000);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a status did not serialise", e);
        } catch (IOException e) {
            // the watcher went away
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
