package dev.gantry.plan;

import dev.gantry.plan.YamlNode.Entry;
import dev.gantry.plan.YamlNode.YamlList;
import dev.gantry.plan.YamlNode.YamlMap;
import dev.gantry.plan.YamlNode.YamlScalar;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the fields of one YAML map into typed values, reporting every problem with its place.
 *
 * <p>Created with the keys the map may have: any other key is reported at once, with the
 * nearest known key suggested. A getter that meets a problem reports it and returns empty (or
 * a neutral value); reading always goes on, so one pass finds every problem. Values written
 * {@code ${VAR}} are refused except where {@link #configValue} reads them.
 */
final class Fields {
    private final YamlMap map;
    private final Problems problems;
    private final String where;
    private final Set<String> suggested;

    private Fields(YamlMap map, Problems problems, String where, Set<String> suggested) {
        this.map = map;
        this.problems = problems;
        this.where = where;
        this.suggested = suggested;
    }

    /**
     * Fields of {@code node}, which must be a map; empty (after a problem) when it is not.
     *
     * @param where the path of the map in the plan, for messages ("release", "gates.security[2]")
     * @param known the keys the map may have
     */
    static Optional<Fields> of(YamlNode node, Problems problems, String where, String... known) {
        if (!(node instanceof YamlMap map)) {
            problems.add(node.position(), where + " should be a map of fields, but it is " + node.describe(),
                    "write it as 'key: value' lines indented under " + lastSegment(where));
            return Optional.empty();
        }
        Set<String> knownKeys = new LinkedHashSet<>(Arrays.asList(known));
        Set<String> suggested = new LinkedHashSet<>();
        for (Entry entry : map.entries()) {
            if (!knownKeys.contains(entry.key())) {
                Optional<String> nearest = Suggestions.nearest(entry.key(), knownKeys);
                boolean splitByComma = map.flow() && entry.value() instanceof YamlScalar value && value.isNull();
                nearest.ifPresent(suggested::add);
                String fix = splitByComma
                        ? "a comma inside { } ends a value: if this text belongs to the value before it, put that value in quotes"
                        : nearest.map(key -> "did you mean '" + key + "'?")
                                .orElse("the keys allowed here are: " + String.join(", ", knownKeys));
                problems.add(entry.keyPosition(), "unknown key '" + entry.key() + "' in " + where, fix);
            }
        }
        return Optional.of(new Fields(map, problems, where, suggested));
    }

    static final String ROOT = "the plan";

    String where() {
        return where;
    }

    /** The path of {@code key} in the plan, for messages: {@code release.version}. */
    String path(String key) {
        return where.equals(ROOT) ? key : where + "." + key;
    }

    Position position() {
        return map.position();
    }

    /** The position of {@code key}'s value, or of the map when the key is absent. */
    Position position(String key) {
        return map.entry(key).map(entry -> entry.value().position()).orElse(map.position());
    }

    boolean has(String key) {
        return map.entry(key).filter(entry -> !isNull(entry.value())).isPresent();
    }

    Optional<YamlNode> node(String key) {
        return map.entry(key).map(Entry::value).filter(value -> !isNull(value));
    }

    List<Entry> entries() {
        return map.entries();
    }

    Problems problems() {
        return problems;
    }

    void problem(String key, String message, String fix) {
        problems.add(position(key), message, fix);
    }

    /** Reports that {@code key} is missing, unless it is there. */
    boolean require(String key, String example) {
        if (has(key)) {
            return true;
        }
        if (suggested.contains(key)) {
            return false; // already reported as a misspelt key with this key suggested
        }
        problems.add(map.position(), (where.equals(ROOT) ? "the plan" : where) + " is missing '" + key + "'", "add '" + key + ": " + example + "'");
        return false;
    }

    /** Reports that list {@code key} is missing, or written but empty, unless it has items. */
    boolean requireItems(String key, String example) {
        if (!require(key, example)) {
            return false;
        }
        if (node(key).get() instanceof YamlList list && list.items().isEmpty()) {
            problems.add(position(key), path(key) + " is empty", "add at least one item: '" + key + ": " + example + "'");
            return false;
        }
        return true;
    }

    // ---- scalars

    Optional<String> string(String key) {
        return node(key).flatMap(node -> text(node, path(key), false));
    }

    String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** A required string; empty text after reporting it missing. */
    String requiredString(String key, String example) {
        return require(key, example) ? string(key).orElse("") : "";
    }

    /** A string that may hold {@code ${VAR}} references. */
    Optional<ConfigValue> configValue(String key, boolean sensitive) {
        return node(key).flatMap(node -> text(node, path(key), true))
                .map(text -> new ConfigValue(text, sensitive));
    }

    /** The text of a scalar node, or empty after a problem. */
    Optional<String> text(YamlNode node, String path, boolean interpolationAllowed) {
        if (!(node instanceof YamlScalar scalar) || scalar.isNull()) {
            problems.add(node.position(), path + " should be a single value, but it is " + node.describe(),
                    "write one value on the same line as the key");
            return Optional.empty();
        }
        if (!interpolationAllowed && scalar.text().contains("${")) {
            problems.add(node.position(), path + " cannot use ${...} interpolation",
                    "write the value itself; interpolation is only read where docs/plan-format.md says so "
                            + "(notification channels, webhooks and check URLs and headers)");
            return Optional.empty();
        }
        return Optional.of(scalar.text());
    }

    Optional<Boolean> bool(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.BOOLEAN) {
            return Optional.of(Boolean.parseBoolean(scalar.text().toLowerCase(Locale.ROOT)));
        }
        problem(key, path(key) + " should be true or false, but it is " + node.get().describe(),
                "write " + key + ": true or " + key + ": false");
        return Optional.empty();
    }

    boolean bool(String key, boolean fallback) {
        return bool(key).orElse(fallback);
    }

    Optional<Long> integer(String key, long min, long max) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.INTEGER) {
            try {
                long value = Long.parseLong(scalar.text().replace("_", "").replace("+", ""));
                if (value >= min && value <= max) {
                    return Optional.of(value);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(key, path(key) + " should be a whole number from " + min + " to " + max + ", but it is "
                + node.get().describe(), "write a whole number in that range");
        return Optional.empty();
    }

    Optional<Double> number(String key, double min, double max) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlScalar scalar
                && (scalar.kind() == YamlScalar.Kind.INTEGER || scalar.kind() == YamlScalar.Kind.FLOAT)) {
            try {
                double value = Double.parseDouble(scalar.text());
                if (value >= min && value <= max) {
                    return Optional.of(value);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(key, path(key) + " should be a number from " + format(min) + " to " + format(max)
                + ", but it is " + node.get().describe(), "write a number in that range");
        return Optional.empty();
    }

    Optional<LocalDate> date(String key) {
        return string(key).flatMap(text -> {
            try {
                return Optional.of(LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                problem(key, path(key) + " should be a date, but it is '" + text + "'",
                        "write the date as YYYY-MM-DD, e.g. 2026-03-02");
                return Optional.empty();
            }
        });
    }

    Optional<DayRef> day(String key) {
        return node(key).flatMap(node -> day(node, path(key)));
    }

    Optional<DayRef> day(YamlNode node, String path) {
        return text(node, path, false).flatMap(text -> {
            Optional<DayRef> day = DayRef.parse(text);
            if (day.isEmpty()) {
                problems.add(node.position(), path + " should be a release day, but it is '" + text + "'",
                        "write D0 for launch day, D-7 for a week before, D+7 for a week after, or a date YYYY-MM-DD");
            }
            return day;
        });
    }

    Optional<Duration> duration(String key) {
        return string(key).flatMap(text -> {
            Optional<Duration> duration = Durations.parse(text);
            if (duration.isEmpty()) {
                problem(key, path(key) + " should be a duration, but it is '" + text + "'",
                        "write a number and a unit: 250ms, 30s, 5m, 2h, 7d, 2w (or combined, 1h30m)");
            }
            return duration;
        });
    }

    Optional<Threshold> threshold(String key) {
        return node(key).flatMap(node -> {
            if (node instanceof YamlScalar scalar && !scalar.isNull()) {
                Optional<Threshold> threshold = Threshold.parse(scalar.text());
                if (threshold.isEmpty()) {
                    problems.add(node.position(), path(key) + " should be a comparison, but it is '"
                            + scalar.text() + "'", "write an operator and a number, e.g. '> 0.05', '> 5%', '> 2s', '>= 99.5%'");
                }
                return threshold;
            }
            problems.add(node.position(), path(key) + " should be a comparison, but it is " + node.describe(),
                    "write an operator and a number, e.g. '> 5%'");
            return Optional.empty();
        });
    }

    /** A constant of {@code type}, written in kebab case. */
    <E extends Enum<E> & PlanEnum> Optional<E> enumValue(String key, Class<E> type) {
        return string(key).flatMap(text -> {
            Map<String, E> byName = new LinkedHashMap<>();
            for (E constant : type.getEnumConstants()) {
                byName.put(constant.planName(), constant);
            }
            E value = byName.get(text);
            if (value == null) {
                Optional<String> nearest = Suggestions.nearest(text, byName.keySet());
                problem(key, path(key) + " cannot be '" + text + "'",
                        nearest.map(name -> "did you mean '" + name + "'? ").orElse("")
                                + "use one of: " + String.join(", ", byName.keySet()));
            }
            return Optional.ofNullable(value);
        });
    }

    <E extends Enum<E> & PlanEnum> E enumValue(String key, Class<E> type, E fallback) {
        return enumValue(key, type).orElse(fallback);
    }

    // ---- collections

    /** The items of a list field; a single value where a list is expected is reported. */
    List<YamlNode> items(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (node.get() instanceof YamlList list) {
            return list.items();
        }
        problem(key, path(key) + " should be a list, but it is " + node.get().describe(),
                "write the items as '- item' lines, or [a, b] on one line");
        return List.of();
    }

    List<String> strings(String key) {
        List<YamlNode> items = items(key);
        List<String> values = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            text(items.get(i), path(key) + "[" + i + "]", false).ifPresent(values::add);
        }
        return values;
    }

    /** A list of maps, each read by {@code reader}; items that fail to read are skipped. */
    <T> List<T> objects(String key, Function<Item, Optional<T>> reader) {
        List<YamlNode> items = items(key);
        List<T> values = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            reader.apply(new Item(items.get(i), path(key) + "[" + i + "]", i)).ifPresent(values::add);
        }
        return values;
    }

    /** A nested map read by {@code reader}. */
    <T> Optional<T> object(String key, Function<Item, Optional<T>> reader) {
        return node(key).flatMap(node -> reader.apply(new Item(node, path(key), 0)));
    }

    /** The entries of a map field whose keys are names the plan chooses (variables, channels). */
    List<Entry> namedEntries(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (node.get() instanceof YamlMap named) {
            return named.entries();
        }
        problem(key, path(key) + " should be a map of names to definitions, but it is " + node.get().describe(),
                "write each entry as 'NAME: { ... }' indented under " + key);
        return List.of();
    }

    /** A node of a list or map with its path in the plan. */
    record Item(YamlNode node, String where, int index) {
        Optional<Fields> fields(Problems problems, String... known) {
            return Fields.of(node, problems, where, known);
        }

        /** The item written as a single value instead of a map; {@code ${...}} is refused as in any text. */
        Optional<String> text(Problems problems) {
            return new Fields(new YamlMap(List.of(), node.position(), false), problems, where, java.util.Set.of())
                    .text(node, where, false);
        }
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlScalar scalar && scalar.isNull();
    }

    private static String lastSegment(String where) {
        int dot = where.lastIndexOf('.');
        return "'" + (dot < 0 ? where : where.substring(dot + 1)) + "'";
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    static String joined(Set<String> names) {
        return names.stream().collect(Collectors.joining(", "));
    }
}
