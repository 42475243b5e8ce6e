package dev.gantry.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A release plan: everything a release changes, must satisfy, does and tells, as one immutable
 * value. Built only by {@link PlanLoader}, so a plan that exists is a valid plan.
 *
 * <p>The components mirror the plan file's top-level keys (docs/plan-format.md).
 *
 * @param directory the directory the plan file is in; relative paths in the plan resolve here
 */
@JsonPropertyOrder({"apiVersion", "release"})
public record ReleasePlan(
        String apiVersion,
        Release release,
        List<Role> roles,
        List<Milestone> milestones,
        List<TimelineEvent> timeline,
        Freeze freeze,
        List<Change> changes,
        List<EnvVar> environment,
        Optional<Migrations> migrations,
        List<GateCategory> gates,
        List<String> signoffs,
        List<FlagDeclaration> flags,
        Optional<Rollout> rollout,
        Rollback rollback,
        Deploy deploy,
        List<Communication> communications,
        Support support,
        Monitoring monitoring,
        List<OnCallShift> oncall,
        List<SuccessMetric> successMetrics,
        PostLaunch postLaunch,
        List<NotificationChannel> notifications,
        List<InfrastructureComponent> infrastructure,
        @JsonIgnore Path directory) {

    /** The only plan format version this Gantry reads. */
    public static final String API_VERSION = "gantry/v1";

    public ReleasePlan {
        Objects.requireNonNull(release, "release");
        roles = List.copyOf(roles);
        milestones = List.copyOf(milestones);
        timeline = List.copyOf(timeline);
        changes = List.copyOf(changes);
        environment = List.copyOf(environment);
        gates = List.copyOf(gates);
        signoffs = List.copyOf(signoffs);
        flags = List.copyOf(flags);
        communications = List.copyOf(communications);
        oncall = List.copyOf(oncall);
        successMetrics = List.copyOf(successMetrics);
        notifications = List.copyOf(notifications);
        infrastructure = List.copyOf(infrastructure);
    }

    /** Every gate item across categories, in plan order. */
    public Stream<GateCategory.Item> gateItems() {
        return gates.stream().flatMap(category -> category.items().stream());
    }

    /** The changes shipped in this release (not deferred). */
    public List<Change> shippedChanges() {
        return changes.stream().filter(change -> !change.deferred()).toList();
    }

    /** The role with {@code id}, if declared. */
    public Optional<Role> role(String id) {
        return roles.stream().filter(role -> role.id().equals(id)).findFirst();
    }

    /** The flag with {@code key}, if declared. */
    public Optional<FlagDeclaration> flag(String key) {
        return flags.stream().filter(flag -> flag.key().equals(key)).findFirst();
    }

    /** The environment variable with {@code name}, if in the contract. */
    public Optional<EnvVar> variable(String name) {
        return environment.stream().filter(variable -> variable.name().equals(name)).findFirst();
    }

    /** A path written in the plan, resolved against the plan's directory. */
    public Path resolve(String relative) {
        return directory.resolve(relative).normalize();
    }
}
