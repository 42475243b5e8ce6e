package dev.gantry.server.rollout;

import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Role;
import dev.gantry.rollout.RolloutCommand;
import dev.gantry.rollout.RolloutState;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The rollout controller as in-process callers (the web dashboard) use it: the same status the
 * API shows and the same commands with the same checks, without going through HTTP. Statuses are
 * {@link RolloutStatus} maps. Thread-safe.
 */
public final class RolloutDesk {
    private final RolloutController controller;
    private final Clock clock;

    RolloutDesk(RolloutController controller, Clock clock) {
        this.controller = controller;
        this.clock = clock;
    }

    /** @return the status of the release's latest rollout, when it has one */
    public Optional<Map<String, Object>> status(String product, String version) {
        return controller.store().latest(product, version).map(this::status);
    }

    /**
     * Starts a rollout of the release's latest revision.
     *
     * @param force start without a GO verdict (admin only)
     * @throws ApiException as the API's {@code POST .../rollouts} does
     */
    public Map<String, Object> start(String product, String version, String environment, boolean force, Principal by) {
        by.require(Scope.OPERATE);
        return status(controller.start(product, version, environment, force, by));
    }

    /** Pauses the running rollout. */
    public Map<String, Object> pause(String product, String version, String reason, Principal by) {
        by.require(Scope.OPERATE);
        return status(controller.command(latest(product, version), past -> new RolloutCommand.Pause(by.name(), reason),
                "rollout.pause", by));
    }

    /** Resumes a paused rollout. */
    public Map<String, Object> resume(String product, String version, Principal by) {
        by.require(Scope.OPERATE);
        return status(controller.command(latest(product, version), past -> new RolloutCommand.Resume(by.name()),
                "rollout.resume", by));
    }

    /** Promotes to the next phase (approving it when the phase needs the signed-in person's role). */
    public Map<String, Object> promote(String product, String version, Principal by) {
        by.require(Scope.OPERATE);
        RolloutStore.Row row = latest(product, version);
        if (controller.engineState(row) instanceof RolloutState.AwaitingApproval awaiting) {
            requireRole(by, controller.plan(row), awaiting.role());
        }
        return status(controller.command(row, past -> new RolloutCommand.Promote(by.name()), "rollout.promote", by));
    }

    /** Aborts the rollout: the flag goes back to 0 % and the rollback runs. */
    public Map<String, Object> abort(String product, String version, String reason, Principal by) {
        by.require(Scope.OPERATE);
        return status(controller.command(latest(product, version),
                past -> new RolloutCommand.Abort(by.name(), reason, past), "rollout.abort", by));
    }

    /** @return a counter that moves whenever this replica changes a rollout */
    public long changes() {
        return controller.signals().version();
    }

    /** Waits until {@link #changes} moves past {@code seen} or {@code millis} pass. */
    public void awaitChange(long seen, long millis) throws InterruptedException {
        controller.signals().await(seen, millis);
    }

    private RolloutStore.Row latest(String product, String version) {
        return controller.store().latest(product, version).orElseThrow(() -> ApiException.notFound("Release "
                + product + " " + version + " has no rollout."));
    }

    /** An approver needs the approve scope and, when the plan lists the role's members, to be one of them. */
    static void requireRole(Principal p, ReleasePlan plan, String roleId) {
        p.require(Scope.APPROVE);
        Optional<Role> role = plan.roles().stream().filter(r -> r.id().equals(roleId)).findFirst();
        if (role.isPresent() && !role.get().members().isEmpty() && !role.get().members().contains(p.name())) {
            throw ApiException.forbidden(p.name() + " does not hold the role " + roleId + "; its members are "
                    + String.join(", ", role.get().members()) + ".");
        }
    }

    /** The status of one rollout, as the API, its stream and the dashboard show it. */
    Map<String, Object> status(RolloutStore.Row row) {
        ReleasePlan plan = controller.plan(row);
        return RolloutStatus.of(row, plan.rollout().orElseThrow(), controller.store().events(row.id()),
                controller.store().readings(row.id()), controller.nextEvaluation(row.id()),
                row.finished() ? 0 : controller.samplesInPhase(row), clock.instant());
    }
}
