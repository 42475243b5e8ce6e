package dev.gantry.server.status;

import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import dev.gantry.server.status.StatusPage.ComponentStatus;
import dev.gantry.server.status.StatusPage.Impact;
import dev.gantry.server.status.StatusPage.IncidentStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The status page over HTTP: {@code GET /status.json} and {@code GET /api/v1/status} for anyone
 * (no token), and management under {@code /api/v1/status/...} with the {@code operate} scope.
 */
public final class StatusRoutes {
    private final Authenticator auth;
    private final StatusService status;

    /** Body of a component change. */
    record SetComponent(String status) {
        SetComponent {
            if (status == null || ComponentStatus.parse(status).isEmpty()) {
                throw new IllegalArgumentException("'status' must be one of " + names(ComponentStatus.values()) + ".");
            }
        }
    }

    /** Body of a new incident. */
    record Open(String name, String impact, String status, String body, List<String> components, String product,
            String version) {
        Open {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("'name' is required: the incident's headline.");
            }
            if (body == null || body.isBlank()) {
                throw new IllegalArgumentException("'body' is required: what users should know.");
            }
            impact = impact == null ? "minor" : impact;
            if (Impact.parse(impact).isEmpty()) {
                throw new IllegalArgumentException("'impact' must be one of " + names(Impact.values()) + ".");
            }
            status = status == null ? "investigating" : status;
            if (IncidentStatus.parse(status).isEmpty()) {
                throw new IllegalArgumentException("'status' must be one of " + names(IncidentStatus.values()) + ".");
            }
            components = components == null ? List.of() : List.copyOf(components);
            product = product == null ? "" : product;
            version = version == null ? "" : version;
        }
    }

    /** Body of an incident update. */
    record Update(String status, String body, String impact) {
        Update {
            if (status == null || IncidentStatus.parse(status).isEmpty()) {
                throw new IllegalArgumentException("'status' must be one of " + names(IncidentStatus.values()) + ".");
            }
            if (body == null || body.isBlank()) {
                throw new IllegalArgumentException("'body' is required: what changed, for users.");
            }
            if (impact != null && Impact.parse(impact).isEmpty()) {
                throw new IllegalArgumentException("'impact' must be one of " + names(Impact.values()) + ".");
            }
        }
    }

    /** Body of a resolve. */
    record Resolve(String body) {}

    /** Body of a maintenance window. */
    record Schedule(String name, String body, List<String> components, String startsAt, String endsAt) {
        Schedule {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("'name' is required: the window's headline.");
            }
            body = body == null ? "" : body;
            components = components == null ? List.of() : List.copyOf(components);
            if (startsAt == null || endsAt == null) {
                throw new IllegalArgumentException("'startsAt' and 'endsAt' are required (2026-03-01T18:00:00Z).");
            }
        }
    }

    /**
     * @param auth authenticator
     * @param status the status service
     */
    public StatusRoutes(Authenticator auth, StatusService status) {
        this.auth = auth;
        this.status = status;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        r.get("/status.json", this::page);
        r.get("/api/v1/status", this::page);
        r.put("/api/v1/status/components/{id}", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            SetComponent body = JsonBody.read(ctx, SetComponent.class);
            JsonBody.respond(ctx, 200, component(status.setComponent(p.actor(), ctx.pathParam("id"),
                    ComponentStatus.parse(body.status()).orElseThrow())));
        });
        r.post("/api/v1/status/incidents", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Open o = JsonBody.read(ctx, Open.class);
            JsonBody.respond(ctx, 201, incident(status.open(p.actor(), o.name(), Impact.parse(o.impact()).orElseThrow(),
                    IncidentStatus.parse(o.status()).orElseThrow(), o.body(), o.components(), o.product(), o.version())));
        });
        r.get("/api/v1/status/incidents/{id}", ctx -> JsonBody.respond(ctx, 200, incident(status.incident(ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("No incident '" + ctx.pathParam("id") + "'.")))));
        r.post("/api/v1/status/incidents/{id}/updates", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Update u = JsonBody.read(ctx, Update.class);
            JsonBody.respond(ctx, 201, incident(status.update(p.actor(), ctx.pathParam("id"),
                    IncidentStatus.parse(u.status()).orElseThrow(), u.body(), Impact.parse(u.impact()))));
        });
        r.post("/api/v1/status/incidents/{id}/resolve", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            String text = ctx.bodyAsBytes().length == 0 ? "" : Optional.ofNullable(JsonBody.read(ctx, Resolve.class).body())
                    .orElse("");
            JsonBody.respond(ctx, 200, incident(status.update(p.actor(), ctx.pathParam("id"), IncidentStatus.RESOLVED,
                    text.isBlank() ? "This incident has been resolved." : text, Optional.empty())));
        });
        r.post("/api/v1/status/maintenances", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Schedule s = JsonBody.read(ctx, Schedule.class);
            JsonBody.respond(ctx, 201, maintenance(status.schedule(p.actor(), s.name(), s.body(), s.components(),
                    instant(s.startsAt(), "startsAt"), instant(s.endsAt(), "endsAt"))));
        });
    }

    private void page(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        JsonBody.respond(ctx, 200, json(status.page()));
    }

    /** @return the page as JSON members in the shape of Statuspage's {@code summary.json} */
    static Map<String, Object> json(StatusPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", Map.of("name", page.name(), "updated_at", page.at().toString()));
        body.put("status", Map.of("indicator", page.indicator().wire(), "description", page.indicator().description()));
        body.put("components", page.components().stream().map(StatusRoutes::component).toList());
        body.put("incidents", page.incidents().stream().map(StatusRoutes::incident).toList());
        body.put("scheduled_maintenances", page.maintenances().stream().map(StatusRoutes::maintenance).toList());
        return body;
    }

    static Map<String, Object> component(StatusPage.Component c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("group", c.group());
        m.put("status", c.status().wire());
        m.put("updated_at", c.updatedAt().toString());
        return m;
    }

    static Map<String, Object> incident(StatusPage.Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("name", i.name());
        m.put("status", i.status().wire());
        m.put("impact", i.impact().wire());
        m.put("components", i.components());
        if (!i.product().isEmpty()) {
            m.put("release", Map.of("product", i.product(), "version", i.version()));
        }
        m.put("created_at", i.createdAt().toString());
        m.put("resolved_at", i.resolvedAt().map(Instant::toString).orElse(null));
        m.put("incident_updates", i.updates().stream().map(u -> Map.of("status", u.status().wire(), "body", u.body(),
                "created_at", u.at().toString())).toList());
        return m;
    }

    static Map<String, Object> maintenance(StatusPage.Maintenance w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("name", w.name());
        m.put("status", w.status().wire());
        m.put("body", w.body());
        m.put("components", w.components());
        m.put("scheduled_for", w.startsAt().toString());
        m.put("scheduled_until", w.endsAt().toString());
        return m;
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + field + "' must be an ISO-8601 instant such as 2026-03-01T18:00:00Z.")
                    .with("field", field);
        }
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
