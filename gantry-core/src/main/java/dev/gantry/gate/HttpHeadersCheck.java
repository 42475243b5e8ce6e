package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security headers present and sane. "Sane" means: HSTS with a max-age of at least 180 days,
 * {@code X-Content-Type-Options: nosniff}, a CSP that is not empty, framing forbidden by
 * {@code X-Frame-Options} (DENY or SAMEORIGIN) or by CSP {@code frame-ancestors}, and a
 * Referrer-Policy other than {@code unsafe-url}.
 */
final class HttpHeadersCheck implements CheckEvaluator<CheckSpec.HttpHeaders> {
    static final long MIN_HSTS_SECONDS = 15_552_000;
    private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*\"?(\\d+)\"?", Pattern.CASE_INSENSITIVE);

    @Override
    public CheckResult evaluate(CheckSpec.HttpHeaders spec, GateCategory.Item item, CheckContext context)
            throws InterruptedException {
        CheckContext.Resolved url = context.resolve(spec.url(), "URL");
        if (url.problem().isPresent()) {
            return url.problem().get();
        }
        String shown = spec.url().redacted();
        HttpCalls.Outcome outcome = HttpCalls.send(context.http(), "GET", url.value(), Map.of(), context.timeout(), shown);
        if (outcome instanceof HttpCalls.Outcome.Failed failed) {
            return Results.fail(failed.reason(), List.of("GET " + shown));
        }
        Map<String, List<String>> headers = ((HttpCalls.Outcome.Answered) outcome).headers();
        List<String> missing = new ArrayList<>();
        List<String> unsound = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (String name : spec.require()) {
            String lower = name.toLowerCase(Locale.ROOT);
            Optional<String> value = HttpCalls.header(headers, lower);
            if (lower.equals("x-frame-options") && value.isEmpty()) {
                Optional<String> csp = HttpCalls.header(headers, "content-security-policy");
                if (csp.isPresent() && csp.get().toLowerCase(Locale.ROOT).contains("frame-ancestors")) {
                    evidence.add("x-frame-options: absent, framing governed by CSP frame-ancestors");
                    continue;
                }
            }
            if (value.isEmpty()) {
                missing.add(lower);
                continue;
            }
            evidence.add(lower + ": " + HttpCheck.abbreviate(value.get()));
            soundness(lower, value.get()).ifPresent(unsound::add);
        }
        if (missing.isEmpty() && unsound.isEmpty()) {
            return Results.pass("all " + spec.require().size() + " security headers are present and sane", evidence);
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + String.join(", ", missing));
        }
        parts.addAll(unsound);
        return Results.fail(String.join("; ", parts), evidence);
    }

    private static Optional<String> soundness(String name, String value) {
        String lower = value.toLowerCase(Locale.ROOT).strip();
        return switch (name) {
            case "strict-transport-security" -> {
                Matcher matcher = MAX_AGE.matcher(lower);
                if (!matcher.find()) {
                    yield Optional.of("strict-transport-security has no max-age");
                }
                long seconds;
                try {
                    seconds = Long.parseLong(matcher.group(1));
                } catch (NumberFormatException e) {
                    seconds = Long.MAX_VALUE;
                }
                yield seconds < MIN_HSTS_SECONDS
                        ? Optional.of("strict-transport-security max-age " + seconds + " is under 180 days ("
                                + MIN_HSTS_SECONDS + ")")
                        : Optional.empty();
            }
            case "x-content-type-options" -> lower.equals("nosniff") ? Optional.empty()
                    : Optional.of("x-content-type-options is '" + value + "', expected nosniff");
            case "x-frame-options" -> lower.equals("deny") || lower.equals("sameorigin") ? Optional.empty()
                    : Optional.of("x-frame-options is '" + value + "', expected DENY or SAMEORIGIN");
            case "content-security-policy" -> lower.isBlank() ? Optional.of("content-security-policy is empty")
                    : Optional.empty();
            case "referrer-policy" -> lower.equals("unsafe-url") || lower.isBlank()
                    ? Optional.of("referrer-policy '" + value + "' leaks full URLs") : Optional.empty();
            default -> Optional.empty();
        };
    }
}
