package dev.gantry.server.status;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the public status page shows at one instant: the overall indicator, every component with
 * its effective status, the unresolved incidents and the scheduled maintenance that has not
 * ended. The shape follows Atlassian Statuspage's {@code summary.json}. A value: the dashboard
 * renders it as HTML, {@link StatusRoutes} as JSON. Texts come from operators, from the plans'
 * templates (never with resolved secrets) and from rollback causes, which are scrubbed of links
 * and tokens ({@link PublicText}); the dashboard must still HTML-escape them.
 *
 * @param name the page's title
 * @param at the instant the page describes
 * @param indicator the worst of the incidents' impacts and the components' statuses
 * @param components every component, grouped by product, in order
 * @param incidents unresolved incidents, newest first
 * @param maintenances scheduled and in-progress maintenance, soonest first
 */
public record StatusPage(String name, Instant at, Indicator indicator, List<Component> components,
        List<Incident> incidents, List<Maintenance> maintenances) {
    public StatusPage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(indicator, "indicator");
        components = List.copyOf(components);
        incidents = List.copyOf(incidents);
        maintenances = List.copyOf(maintenances);
    }

    /** The page's overall state, with Statuspage's words for it. */
    public enum Indicator {
        NONE("All Systems Operational"),
        MAINTENANCE("Service Under Maintenance"),
        MINOR("Minor Service Outage"),
        MAJOR("Partial System Outage"),
        CRITICAL("Major Service Outage");

        private final String description;

        Indicator(String description) {
            this.description = description;
        }

        /** @return the sentence shown next to the indicator */
        public String description() {
            return description;
        }

        /** @return the JSON name */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the worse of the two (maintenance ranks below any outage) */
        Indicator worse(Indicator other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /** A component's status. */
    public enum ComponentStatus {
        OPERATIONAL, DEGRADED_PERFORMANCE, PARTIAL_OUTAGE, MAJOR_OUTAGE, UNDER_MAINTENANCE;

        /** @return the JSON name, e.g. {@code partial_outage} */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the status named {@code wire}, or empty */
        public static Optional<ComponentStatus> parse(String wire) {
            return parseEnum(ComponentStatus.class, wire);
        }

        Indicator indicator() {
            return switch (this) {
                case OPERATIONAL -> Indicator.NONE;
                case UNDER_MAINTENANCE -> Indicator.MAINTENANCE;
                case DEGRADED_PERFORMANCE -> Indicator.MINOR;
                case PARTIAL_OUTAGE -> Indicator.MAJOR;
                case MAJOR_OUTAGE -> Indicator.CRITICAL;
            };
        }
    }

    /** Where an incident stands. */
    public enum IncidentStatus {
        INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

        /** @return the JSON name */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the status named {@code wire}, or empty */
        public static Optional<IncidentStatus> parse(String wire) {
            return parseEnum(IncidentStatus.class, wire);
        }
    }

    /** How much an incident affects users. */
    public enum Impact {
        NONE, MINOR, MAJOR, CRITICAL;

        /** @return the JSON name */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the impact named {@code wire}, or empty */
        public static Optional<Impact> parse(String wire) {
            return parseEnum(Impact.class, wire);
        }

        Indicator indicator() {
            return switch (this) {
                case NONE -> Indicator.NONE;
                case MINOR -> Indicator.MINOR;
                case MAJOR -> Indicator.MAJOR;
                case CRITICAL -> Indicator.CRITICAL;
            };
        }
    }

    /** Where a maintenance window stands at {@link StatusPage#at}. */
    public enum MaintenanceStatus {
        SCHEDULED, IN_PROGRESS, COMPLETED;

        /** @return the JSON name */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A part of the service users can tell apart.
     *
     * @param id stable id ({@code invoicing}, {@code invoicing-file-storage})
     * @param name as shown
     * @param group the product it belongs to
     * @param status effective now: {@code under_maintenance} during a window that names it
     * @param updatedAt when its status was last set
     */
    public record Component(String id, String name, String group, ComponentStatus status, Instant updatedAt) {}

    /**
     * One message of an incident.
     *
     * @param status the incident's status it announced
     * @param body what happened, for users
     * @param at when
     */
    public record Update(IncidentStatus status, String body, Instant at) {}

    /**
     * Something that went wrong.
     *
     * @param id its id
     * @param name its headline
     * @param status the latest update's status
     * @param impact how bad
     * @param components the ids of the components it affects
     * @param product the product it concerns ({@code ""} when none)
     * @param version the release it concerns ({@code ""} when none)
     * @param createdAt when it was opened
     * @param resolvedAt when it was resolved
     * @param updates newest first
     */
    public record Incident(String id, String name, IncidentStatus status, Impact impact, List<String> components,
            String product, String version, Instant createdAt, Optional<Instant> resolvedAt, List<Update> updates) {
        public Incident {
            components = List.copyOf(components);
            updates = List.copyOf(updates);
        }
    }

    /**
     * A planned window in which components are under maintenance.
     *
     * @param id its id
     * @param name its headline
     * @param body what users should expect
     * @param status scheduled, in progress or completed at the page's instant
     * @param components the ids of the components under maintenance
     * @param startsAt start
     * @param endsAt end
     */
    public record Maintenance(String id, String name, String body, MaintenanceStatus status, List<String> components,
            Instant startsAt, Instant endsAt) {
        public Maintenance {
            components = List.copyOf(components);
        }
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(wire.strip().replace('-', '_'))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
