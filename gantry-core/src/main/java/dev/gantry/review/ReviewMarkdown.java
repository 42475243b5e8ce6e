package dev.gantry.review;

import dev.gantry.plan.Threshold;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Writes a {@link LaunchReview} as Markdown. Stateless; the same review gives the same text. */
public final class ReviewMarkdown {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ReviewMarkdown() {}

    /** @return the review as a Markdown document */
    public static String render(LaunchReview review) {
        var plan = review.plan();
        LocalDate launch = plan.release().target();
        LocalDate reviewDay = review.reviewDay();
        StringBuilder out = new StringBuilder();
        out.append("# ").append(plan.release().product()).append(' ').append(plan.release().version())
                .append(": launch review\n\n");
        out.append("Launch day (D0): ").append(DAY.format(launch)).append(". Review day: D+")
                .append(ChronoUnit.DAYS.between(launch, reviewDay)).append(" (").append(DAY.format(reviewDay))
                .append("). Release owner: ").append(plan.release().owner()).append(". Data: ")
                .append(review.facts().source()).append(".\n\n");
        out.append("## Decision: ").append(review.decision().text()).append("\n\n");
        review.reasons().forEach(r -> out.append("- ").append(r).append('\n'));
        out.append("\n## Success metrics\n\n");
        if (review.metrics().isEmpty()) {
            out.append("The plan names no success metrics.\n");
        } else {
            out.append("| Metric | Target | Actual | Result | Source |\n|---|---|---|---|---|\n");
            for (LaunchReview.MetricResult m : review.metrics()) {
                out.append("| ").append(cell(m.metric().name())).append(" | ").append(cell(m.metric().target().text()))
                        .append(" | ").append(m.actual().map(a -> value(a.value(), m.metric().target())).orElse("-"))
                        .append(" | ").append(m.outcome().text()).append(" | ")
                        .append(m.actual().map(a -> a.how() + a.at().map(t -> " at " + MINUTE.format(t) + " UTC").orElse(""))
                                .orElse(m.metric().source().planName() + ", no value"))
                        .append(" |\n");
            }
        }
        LaunchReview.BugWindow w = review.bugWindow();
        out.append("\n## No critical bugs for ").append(LaunchReview.hours(plan.postLaunch().criticalBugWindow()))
                .append("\n\n").append("Window: ").append(MINUTE.format(w.from())).append(" to ")
                .append(MINUTE.format(w.until())).append(" UTC. Result: ").append(w.outcome().text()).append(" (");
        out.append(switch (w.outcome()) {
            case PASS -> "no critical bug was reported in the window";
            case FAIL -> w.counted().orElse(0) + " reported in the window";
            case NOT_MEASURED -> "not known; give --critical-bugs N, or review against the server";
        }).append(").\n");
        for (ReviewFacts.Bug b : w.inWindow()) {
            out.append("- ").append(b.id()).append(": ").append(b.title()).append(" (reported ")
                    .append(MINUTE.format(b.reportedAt())).append(" UTC")
                    .append(b.resolvedAt().map(r -> ", resolved " + MINUTE.format(r) + " UTC").orElse(", open"))
                    .append(")\n");
        }
        out.append("\n## Incidents\n\n");
        if (review.facts().incidents().isEmpty()) {
            out.append("None recorded.\n");
        } else {
            out.append("| Incident | Impact | Status | Opened | Resolved |\n|---|---|---|---|---|\n");
            for (ReviewFacts.Incident i : review.facts().incidents()) {
                out.append("| ").append(cell(i.name())).append(" | ").append(i.impact()).append(" | ").append(i.status())
                        .append(" | ").append(MINUTE.format(i.openedAt())).append(" | ")
                        .append(i.resolvedAt().map(MINUTE::format).orElse("open")).append(" |\n");
            }
        }
        out.append("\n## Rollbacks\n\n");
        if (review.facts().rollbacks().isEmpty()) {
            out.append("None recorded.\n");
        } else {
            for (ReviewFacts.Rollback r : review.facts().rollbacks()) {
                out.append("- ").append(MINUTE.format(r.at())).append(" UTC, ").append(r.automatic() ? "automatic" : "by hand")
                        .append(": ").append(r.cause()).append('\n');
            }
        }
        out.append("\n## Open issues\n\n");
        if (!(review.facts().bugs() instanceof ReviewFacts.Bugs.Listed)) {
            out.append("Not known (").append(review.facts().source()).append(").\n");
        } else if (review.openBugs().isEmpty()) {
            out.append("None.\n");
        } else {
            for (ReviewFacts.Bug b : review.openBugs()) {
                out.append("- ").append(b.id()).append(" (").append(b.severity()).append("): ").append(b.title())
                        .append(", reported ").append(MINUTE.format(b.reportedAt())).append(" UTC\n");
            }
        }
        if (!plan.support().knownIssues().isEmpty()) {
            out.append("\nKnown issues from the plan:\n\n");
            plan.support().knownIssues().forEach(k -> out.append("- ").append(k.issue()).append(" (workaround: ")
                    .append(k.workaround()).append(")\n"));
        }
        return out.toString();
    }

    /** @return {@code value} in the unit its target is written in: {@code 99.7%}, {@code 250ms}, {@code 1.5s}, {@code 620} */
    public static String value(double value, Threshold target) {
        String t = target.text().strip();
        if (t.endsWith("%")) {
            return number(value * 100) + "%";
        }
        if (t.endsWith("ms")) {
            return number(value * 1000) + "ms";
        }
        if (t.endsWith("s")) {
            return number(value) + "s";
        }
        return number(value);
    }

    private static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }
}
