package dev.gantry.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A day of the release: relative to launch day ({@code D-7}, {@code D0}, {@code D+7}) or an
 * absolute date ({@code 2026-03-02}). Relative days resolve against the release's target date.
 */
public sealed interface DayRef {
    /** The date this day falls on when launch day is {@code launch}. */
    LocalDate resolve(LocalDate launch);

    /** Days from launch, negative before it. */
    long offsetFrom(LocalDate launch);

    /** The day as written in a plan. */
    @JsonValue
    String text();

    /** {@code D0} plus {@code days}. */
    record Relative(int days) implements DayRef {
        @Override
        public LocalDate resolve(LocalDate launch) {
            return launch.plusDays(days);
        }

        @Override
        public long offsetFrom(LocalDate launch) {
            return days;
        }

        @Override
        public String text() {
            return days == 0 ? "D0" : days > 0 ? "D+" + days : "D" + days;
        }
    }

    /** A calendar date. */
    record Absolute(LocalDate date) implements DayRef {
        @Override
        public LocalDate resolve(LocalDate launch) {
            return date;
        }

        @Override
        public long offsetFrom(LocalDate launch) {
            return java.time.temporal.ChronoUnit.DAYS.between(launch, date);
        }

        @Override
        public String text() {
            return date.toString();
        }
    }

    /** Launch day itself. */
    DayRef LAUNCH = new Relative(0);

    /** The day {@code text} names, or empty when it names none. */
    static Optional<DayRef> parse(String text) {
        Matcher relative = Holder.RELATIVE.matcher(text.strip());
        if (relative.matches()) {
            if (relative.group(1) == null) {
                return Optional.of(LAUNCH);
            }
            try {
                int days = Integer.parseInt(relative.group(1).replace("+", ""));
                return Math.abs(days) > 3650 ? Optional.empty() : Optional.of(new Relative(days));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new Absolute(LocalDate.parse(text.strip())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Compiled patterns; an interface cannot hold private constants. */
    final class Holder {
        static final Pattern RELATIVE = Pattern.compile("D(?:([+-]?\\d{1,5}))?");

        private Holder() {}
    }
}
