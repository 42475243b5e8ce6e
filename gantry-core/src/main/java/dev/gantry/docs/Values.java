package dev.gantry.docs;

import dev.gantry.plan.DayRef;
import dev.gantry.plan.Durations;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Role;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Small conversions shared by the context builders: dates, durations, people, entries. */
final class Values {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);

    private Values() {}

    /** A map built in insertion order from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value == null ? "" : value);
        }
        return map;
    }

    static String text(Optional<?> value) {
        return value.map(String::valueOf).orElse("");
    }

    static String date(LocalDate date) {
        return DATE.format(date);
    }

    static String date(DayRef day, ReleasePlan plan) {
        return date(day.resolve(plan.release().target()));
    }

    /** The release day as {@code D-3}, also for days the plan wrote as dates. */
    static String day(DayRef day, ReleasePlan plan) {
        return day instanceof DayRef.Relative ? day.text()
                : new DayRef.Relative((int) day.offsetFrom(plan.release().target())).text();
    }

    static String duration(Duration duration) {
        return Durations.format(duration);
    }

    static String duration(Optional<Duration> duration) {
        return duration.map(Durations::format).orElse("");
    }

    /** {@code 48h} in words: {@code 48 hours}. */
    static String words(Duration duration) {
        if (duration.toMinutes() % 60 != 0) {
            return duration.toMinutes() + " minutes";
        }
        long hours = duration.toHours();
        return hours == 1 ? "1 hour" : hours + " hours";
    }

    /** A role id as people read it: {@code Engineering Lead (omar.haddad)}; a person as written. */
    static String who(String id, ReleasePlan plan) {
        Optional<Role> role = plan.role(id);
        if (role.isEmpty()) {
            return id;
        }
        return role.get().members().isEmpty() ? role.get().title()
                : role.get().title() + " (" + String.join(", ", role.get().members()) + ")";
    }

    static String who(Optional<String> id, ReleasePlan plan) {
        return id.map(value -> who(value, plan)).orElse("");
    }

    static String joined(List<String> values) {
        return String.join(", ", values);
    }

    static <T extends dev.gantry.plan.PlanEnum> String names(List<T> values) {
        return values.stream().map(dev.gantry.plan.PlanEnum::planName).collect(Collectors.joining(", "));
    }

    /** A number without a needless {@code .0}: {@code 10}, {@code 0.05}. */
    static String number(double value) {
        return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
