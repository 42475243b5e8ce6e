package dev.gantry.rollout;

import dev.gantry.plan.Rollout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The effects each event calls for; a pure function of the history, so they can be computed again. */
final class RolloutEffects {
    private final Rollout spec;
    private final RolloutIdentity identity;

    RolloutEffects(Rollout spec, RolloutIdentity identity) {
        this.spec = spec;
        this.identity = identity;
    }

    List<RolloutEffect> of(List<RolloutEvent> history, int sequence) {
        RolloutEvent event = history.get(sequence);
        String key = identity.rolloutId() + "/" + sequence + "/";
        List<RolloutEffect> out = new ArrayList<>();
        switch (event) {
            case RolloutEvent.PhaseEntered e -> out.add(new RolloutEffect.SetPercent(key + "percent", spec.flag(), e.percent()));
            case RolloutEvent.ActivationEntered e -> out.add(new RolloutEffect.EnableFlag(key + "enable/" + e.flag(), e.flag()));
            case RolloutEvent.GuardBreached e -> guard(e.guard()).ifPresent(guard -> notify(out, key, guard,
                    severity(guard.action()), RolloutEffect.Kind.TRIGGER,
                    identity.release() + ": guard " + guard.id() + " breached, " + consequence(guard.action()), e.detail()));
            case RolloutEvent.GuardInconclusive e -> guard(e.guard()).ifPresent(guard -> notify(out, key, guard,
                    RolloutEffect.Severity.WARNING, RolloutEffect.Kind.TRIGGER,
                    identity.release() + ": guard " + guard.id() + " is inconclusive, the rollout pauses", e.reason()));
            case RolloutEvent.GuardRecovered e -> guard(e.guard()).ifPresent(guard -> notify(out, key, guard,
                    RolloutEffect.Severity.INFO, RolloutEffect.Kind.RESOLVE,
                    identity.release() + ": guard " + guard.id() + " is healthy again", e.detail()));
            case RolloutEvent.RolledBack e -> rolledBack(out, key, history, sequence, e);
            default -> { }
        }
        return List.copyOf(out);
    }

    private void rolledBack(List<RolloutEffect> out, String key, List<RolloutEvent> history, int sequence, RolloutEvent.RolledBack e) {
        out.add(new RolloutEffect.KillFlag(key + "kill/" + spec.flag(), spec.flag()));
        history.subList(0, sequence).stream()
                .filter(RolloutEvent.ActivationEntered.class::isInstance)
                .map(RolloutEvent.ActivationEntered.class::cast)
                .map(RolloutEvent.ActivationEntered::flag)
                .distinct()
                .forEach(flag -> out.add(new RolloutEffect.KillFlag(key + "kill/" + flag, flag)));
        if (e.deploymentRollbackAllowed()) {
            out.add(new RolloutEffect.CallRollbackWebhooks(key + "webhooks"));
        } else {
            out.add(new RolloutEffect.PageOwner(key + "page-owner", identity.release() + "/rollback",
                    identity.release() + ": rolled back past the point of no return; roll forward",
                    "The rollout was rolled back (" + e.cause() + "). The flags are off, so no user gets the new code"
                            + " paths, but the release had passed its point of no return, so the deployment was NOT rolled"
                            + " back and no rollback webhook was called. Keep the deployment and roll forward: ship a fix as a"
                            + " new version, and do not run the down migrations or restore the backup."));
        }
    }

    private void notify(List<RolloutEffect> out, String key, Rollout.Guard guard, RolloutEffect.Severity severity,
            RolloutEffect.Kind kind, String title, String text) {
        if (!guard.channels().isEmpty()) {
            out.add(new RolloutEffect.Notify(key + "notify/" + guard.id(), guard.channels(), severity, kind,
                    identity.release() + "/" + guard.id(), guard.id(), title, text));
        }
    }

    private Optional<Rollout.Guard> guard(String id) {
        return spec.guards().stream().filter(guard -> guard.id().equals(id)).findFirst();
    }

    private static RolloutEffect.Severity severity(Rollout.Guard.Action action) {
        return switch (action) {
            case ROLLBACK -> RolloutEffect.Severity.CRITICAL;
            case PAUSE -> RolloutEffect.Severity.ERROR;
            case NOTIFY -> RolloutEffect.Severity.WARNING;
        };
    }

    private static String consequence(Rollout.Guard.Action action) {
        return switch (action) {
            case ROLLBACK -> "rolling back";
            case PAUSE -> "the rollout pauses";
            case NOTIFY -> "the rollout holds its phase";
        };
    }
}
