package dev.gantry.cli.state;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.plan.Durations;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times as people type them on the command line: an instant ({@code 2026-03-01T09:00:00Z}), a
 * local date-time ({@code 2026-03-01T09:00}) or date ({@code 2026-03-01}, its start) in the
 * given zone, or a duration from now ({@code 48h}, {@code 7d}) where a future time is meant.
 */
public final class TimeArguments {
    private TimeArguments() {}

    /**
     * The instant {@code text} names.
     *
     * @param option the option's name, for the message
     * @param allowDuration whether a duration from {@code now} is accepted
     * @throws UserFacingException with {@link ExitCodes#USAGE} when it names none
     */
    public static Instant parse(String text, String option, Instant now, ZoneId zone, boolean allowDuration) {
        String value = text.strip();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        if (allowDuration) {
            Optional<java.time.Duration> duration = Durations.parse(value);
            if (duration.isPresent()) {
                return now.plus(duration.get());
            }
        }
        throw new UserFacingException(ExitCodes.USAGE, option + " '" + text + "' is not a time; write 2026-03-01, "
                + "2026-03-01T09:00, 2026-03-01T09:00:00Z" + (allowDuration ? " or a duration from now such as 48h" : "") + ".");
    }
}
