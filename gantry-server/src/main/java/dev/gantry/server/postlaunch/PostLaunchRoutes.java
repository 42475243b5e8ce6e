package dev.gantry.server.postlaunch;

import dev.gantry.review.LaunchReview;
import dev.gantry.review.ReviewFacts;
import dev.gantry.review.ReviewMarkdown;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/releases/{product}/{version}/...}: metric snapshots and values entered by hand,
 * bugs, and the launch review.
 */
public final class PostLaunchRoutes {
    private final Authenticator auth;
    private final PostLaunchService postLaunch;

    /** Body of a value entered by hand. */
    record Value(Double value) {
        Value {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("'value' is required: a number (ratios as 0.995, durations in seconds).");
            }
        }
    }

    /** Body of a bug report. */
    record Report(String title, String severity, String reportedAt) {
        Report {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("'title' is required: what is wrong.");
            }
            if (severity == null || severity.isBlank()) {
                throw new IllegalArgumentException("'severity' is required: critical, major or minor.");
            }
        }
    }

    /**
     * @param auth authenticator
     * @param postLaunch the service
     */
    public PostLaunchRoutes(Authenticator auth, PostLaunchService postLaunch) {
        this.auth = auth;
        this.postLaunch = postLaunch;
    }

    /** Registers the routes. */
    public void register(RoutesConfig r) {
        String base = "/api/v1/releases/{product}/{version}";
        r.get(base + "/snapshots", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, Map.of("snapshots", postLaunch.snapshots(ctx.pathParam("product"),
                    ctx.pathParam("version"))));
        });
        r.post(base + "/metrics/{id}", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Value v = JsonBody.read(ctx, Value.class);
            JsonBody.respond(ctx, 201, postLaunch.enter(p.actor(), ctx.pathParam("product"), ctx.pathParam("version"),
                    ctx.pathParam("id"), v.value()));
        });
        r.post(base + "/bugs", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            Report b = JsonBody.read(ctx, Report.class);
            Optional<Instant> at;
            try {
                at = Optional.ofNullable(b.reportedAt()).map(Instant::parse);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("'reportedAt' must be an ISO-8601 instant such as 2026-03-01T18:00:00Z.")
                        .with("field", "reportedAt");
            }
            JsonBody.respond(ctx, 201, bug(postLaunch.report(p.actor(), ctx.pathParam("product"), ctx.pathParam("version"),
                    b.title(), b.severity(), at)));
        });
        r.get(base + "/bugs", ctx -> {
            auth.require(ctx, Scope.READ);
            JsonBody.respond(ctx, 200, Map.of("bugs", postLaunch.bugs(ctx.pathParam("product"), ctx.pathParam("version"))
                    .stream().map(PostLaunchRoutes::bug).toList()));
        });
        r.post(base + "/bugs/{id}/resolve", ctx -> {
            Principal p = auth.require(ctx, Scope.OPERATE);
            JsonBody.respond(ctx, 200, bug(postLaunch.resolve(p.actor(), ctx.pathParam("product"), ctx.pathParam("version"),
                    ctx.pathParam("id"))));
        });
        r.get(base + "/review", ctx -> {
            auth.require(ctx, Scope.READ);
            LaunchReview review = postLaunch.review(ctx.pathParam("product"), ctx.pathParam("version"), "server");
            String markdown = ReviewMarkdown.render(review);
            if ("markdown".equals(ctx.queryParam("format"))) {
                ctx.contentType("text/markdown; charset=utf-8").result(markdown);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("decision", review.decision().text());
            body.put("reasons", review.reasons());
            body.put("metrics", review.metrics().stream().map(m -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("id", m.metric().id());
                x.put("target", m.metric().target().text());
                x.put("actual", m.actual().map(ReviewFacts.Measured::value).orElse(null));
                x.put("result", m.outcome().name().toLowerCase(java.util.Locale.ROOT));
                return x;
            }).toList());
            body.put("criticalBugWindow", Map.of("from", review.bugWindow().from().toString(),
                    "until", review.bugWindow().until().toString(),
                    "result", review.bugWindow().outcome().name().toLowerCase(java.util.Locale.ROOT)));
            body.put("markdown", markdown);
            JsonBody.respond(ctx, 200, body);
        });
    }

    static Map<String, Object> bug(ReviewFacts.Bug b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("title", b.title());
        m.put("severity", b.severity());
        m.put("reportedAt", b.reportedAt().toString());
        m.put("resolvedAt", b.resolvedAt().map(Instant::toString).orElse(null));
        return m;
    }
}
