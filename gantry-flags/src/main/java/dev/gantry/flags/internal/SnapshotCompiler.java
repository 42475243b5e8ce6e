package dev.gantry.flags.internal;

import dev.gantry.flags.Bucketing;
import dev.gantry.flags.Clause;
import dev.gantry.flags.ErrorCode;
import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.EvaluationDetail;
import dev.gantry.flags.Flag;
import dev.gantry.flags.FlagType;
import dev.gantry.flags.JsonValue;
import dev.gantry.flags.Operator;
import dev.gantry.flags.Prerequisite;
import dev.gantry.flags.Reason;
import dev.gantry.flags.Rule;
import dev.gantry.flags.Segment;
import dev.gantry.flags.Serve;
import dev.gantry.flags.SnapshotFormatException;
import dev.gantry.flags.Target;
import dev.gantry.flags.Variation;
import dev.gantry.flags.internal.CompiledFlag.CompiledPrerequisite;
import dev.gantry.flags.internal.CompiledFlag.CompiledRule;
import dev.gantry.flags.internal.CompiledFlag.CompiledServe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Builds a {@link CompiledSnapshot}, collecting every problem before failing. */
final class SnapshotCompiler {
    private final List<Flag> flags;
    private final List<Segment> segments;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, CompiledSegment> compiledSegments = new HashMap<>();

    SnapshotCompiler(List<Flag> flags, List<Segment> segments) {
        this.flags = flags;
        this.segments = segments;
    }

    CompiledSnapshot compile() {
        for (int i = 0; i < segments.size(); i++) {
            compileSegment("$.segments[" + i + "]", segments.get(i));
        }
        Map<String, Integer> flagIndex = new HashMap<>();
        for (int i = 0; i < flags.size(); i++) {
            if (flagIndex.putIfAbsent(flags.get(i).key(), i) != null) {
                problems.add("$.flags[" + i + "].key: duplicate flag key '" + flags.get(i).key() + "'");
            }
        }
        Map<String, CompiledFlag> byKey = new LinkedHashMap<>();
        List<CompiledFlag> compiled = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            CompiledFlag cf = compileFlag("$.flags[" + i + "]", flags.get(i), i);
            compiled.add(cf);
            byKey.putIfAbsent(cf.flag.key(), cf);
        }
        for (int i = 0; i < flags.size(); i++) {
            resolvePrerequisites("$.flags[" + i + "]", compiled.get(i), byKey);
        }
        if (!problems.isEmpty()) {
            throw new SnapshotFormatException(problems);
        }
        markCyclesAndDeepChains(compiled);
        return new CompiledSnapshot(new HashMap<>(byKey));
    }

    private void compileSegment(String path, Segment s) {
        if (compiledSegments.containsKey(s.key())) {
            problems.add(path + ".key: duplicate segment key '" + s.key() + "'");
            return;
        }
        ClauseMatcher[][] rules = new ClauseMatcher[s.rules().size()][];
        for (int r = 0; r < rules.length; r++) {
            rules[r] = compileClauses(path + ".rules[" + r + "]", s.rules().get(r).clauses(), false);
        }
        compiledSegments.put(s.key(), new CompiledSegment(new HashSet<>(s.included()), new HashSet<>(s.excluded()), rules));
    }

    private CompiledFlag compileFlag(String path, Flag f, int index) {
        Map<String, Integer> variationIndex = new HashMap<>();
        List<Variation> vs = f.variations();
        if (vs.isEmpty()) {
            problems.add(path + ".variations: a flag needs at least one variation");
        }
        Object[] values = new Object[vs.size()];
        for (int v = 0; v < vs.size(); v++) {
            Variation var = vs.get(v);
            if (variationIndex.putIfAbsent(var.name(), v) != null) {
                problems.add(path + ".variations[" + v + "].name: duplicate variation name '" + var.name() + "'");
            }
            values[v] = javaValue(path + ".variations[" + v + "].value", f.type(), var.value());
        }
        Resolver res = new Resolver(f, index, variationIndex, values);
        int off = res.variation(path + ".offVariation", f.offVariation());
        EvaluationDetail<?> offDetail = res.detail(off, Reason.OFF, null, -1, null);

        Map<String, EvaluationDetail<?>> targets = new HashMap<>();
        for (int t = 0; t < f.targets().size(); t++) {
            Target target = f.targets().get(t);
            int v = res.variation(path + ".targets[" + t + "].variation", target.variation());
            EvaluationDetail<?> d = res.detail(v, Reason.TARGET_MATCH, null, -1, null);
            for (String key : target.keys()) {
                targets.putIfAbsent(key, d);
            }
        }
        CompiledRule[] rules = new CompiledRule[f.rules().size()];
        Set<String> ruleIds = new HashSet<>();
        for (int r = 0; r < rules.length; r++) {
            Rule rule = f.rules().get(r);
            String rp = path + ".rules[" + r + "]";
            if (!ruleIds.add(rule.id())) {
                problems.add(rp + ".id: duplicate rule id '" + rule.id() + "'");
            }
            ClauseMatcher[] clauses = compileClauses(rp, rule.clauses(), true);
            int ruleIndex = r;
            rules[r] = new CompiledRule(clauses, compileServe(rp + ".serve", rule.serve(), f,
                    v -> res.detail(v, Reason.RULE_MATCH, rule.id(), ruleIndex, null), res));
        }
        CompiledServe fallthrough = compileServe(path + ".fallthrough", f.fallthrough(), f,
                v -> res.detail(v, f.fallthrough() instanceof Serve.Split ? Reason.SPLIT : Reason.DEFAULT, null, -1, null),
                res);
        return new CompiledFlag(f, index, offDetail, targets, rules, fallthrough);
    }

    private interface DetailFactory {
        EvaluationDetail<?> create(int variationIndex);
    }

    private CompiledServe compileServe(String path, Serve serve, Flag f, DetailFactory factory, Resolver res) {
        switch (serve) {
            case Serve.Fixed fixed -> {
                return CompiledServe.fixed(factory.create(res.variation(path + ".variation", fixed.variation())));
            }
            case Serve.Split split -> {
                int n = split.weights().size();
                if (n == 0) {
                    problems.add(path + ".split: a split needs at least one weighted variation");
                }
                int[] cumulative = new int[n];
                EvaluationDetail<?>[] details = new EvaluationDetail<?>[n];
                long sum = 0;
                for (int w = 0; w < n; w++) {
                    Serve.WeightedVariation wv = split.weights().get(w);
                    sum += wv.weight();
                    cumulative[w] = (int) Math.min(sum, Integer.MAX_VALUE);
                    details[w] = factory.create(res.variation(path + ".split[" + w + "].variation", wv.variation()));
                }
                if (n > 0 && sum != Bucketing.SCALE) {
                    problems.add(path + ".split: weights sum to " + sum + " but must sum to " + Bucketing.SCALE
                            + " (100000 = 100%)");
                }
                String bucketBy = split.bucketBy().orElse(null);
                if (EvaluationContext.TARGETING_KEY.equals(bucketBy)) {
                    bucketBy = null;
                }
                return CompiledServe.split(cumulative, details, Bucketing.prefix(f.salt()), bucketBy);
            }
        }
    }

    private void resolvePrerequisites(String path, CompiledFlag cf, Map<String, CompiledFlag> byKey) {
        List<Prerequisite> ps = cf.flag.prerequisites();
        CompiledPrerequisite[] out = new CompiledPrerequisite[ps.size()];
        for (int p = 0; p < ps.size(); p++) {
            Prerequisite pre = ps.get(p);
            String pp = path + ".prerequisites[" + p + "]";
            CompiledFlag target = byKey.get(pre.flag());
            if (target == null) {
                problems.add(pp + ".flag: no flag with key '" + pre.flag() + "' in this snapshot");
                continue;
            }
            int v = indexOf(target.flag.variations(), pre.variation());
            if (v < 0) {
                problems.add(pp + ".variation: flag '" + pre.flag() + "' has no variation '" + pre.variation()
                        + "' (it has " + names(target.flag.variations()) + ")");
                continue;
            }
            EvaluationDetail<?> off = cf.offDetail;
            out[p] = new CompiledPrerequisite(target, v, off == null ? null
                    : EvaluationDetail.success(off.value(), off.variant().orElseThrow(), Reason.PREREQUISITE_FAILED,
                            null, -1, pre.flag(), cf.index, off.variationIndex()));
        }
        cf.prerequisites = out;
    }

    /**
     * Kahn's algorithm over "depends on" edges: a flag is resolved once all its prerequisites
     * are; whatever stays unresolved is on a cycle or depends on one.
     */
    private static void markCyclesAndDeepChains(List<CompiledFlag> flags) {
        Map<CompiledFlag, Integer> pending = new HashMap<>();
        Map<CompiledFlag, List<CompiledFlag>> dependents = new HashMap<>();
        Map<CompiledFlag, Integer> depth = new HashMap<>();
        ArrayDeque<CompiledFlag> ready = new ArrayDeque<>();
        for (CompiledFlag f : flags) {
            pending.put(f, f.prerequisites.length);
            for (CompiledPrerequisite p : f.prerequisites) {
                dependents.computeIfAbsent(p.flag(), k -> new ArrayList<>()).add(f);
            }
            if (f.prerequisites.length == 0) {
                ready.add(f);
                depth.put(f, 0);
            }
        }
        while (!ready.isEmpty()) {
            CompiledFlag f = ready.poll();
            int d = 0;
            for (CompiledPrerequisite p : f.prerequisites) {
                d = Math.max(d, depth.get(p.flag()) + 1);
            }
            depth.put(f, d);
            if (d > CompiledSnapshot.MAX_PREREQUISITE_DEPTH) {
                f.malformedDetail = EvaluationDetail.error(null, ErrorCode.MALFORMED_FLAG, "Flag '" + f.flag.key()
                        + "' has a prerequisite chain deeper than " + CompiledSnapshot.MAX_PREREQUISITE_DEPTH + ".", f.index);
            }
            for (CompiledFlag dep : dependents.getOrDefault(f, List.of())) {
                if (pending.merge(dep, -1, Integer::sum) == 0) {
                    ready.add(dep);
                }
            }
        }
        for (CompiledFlag f : flags) {
            if (!depth.containsKey(f)) {
                f.malformedDetail = EvaluationDetail.error(null, ErrorCode.MALFORMED_FLAG, "Flag '" + f.flag.key()
                        + "' has a prerequisite cycle: " + cycleFrom(f, depth) + ".", f.index);
            }
        }
    }

    private static String cycleFrom(CompiledFlag start, Map<CompiledFlag, Integer> resolved) {
        List<CompiledFlag> path = new ArrayList<>();
        CompiledFlag f = start;
        while (!path.contains(f)) {
            path.add(f);
            CompiledFlag next = null;
            for (CompiledPrerequisite p : f.prerequisites) {
                if (!resolved.containsKey(p.flag())) {
                    next = p.flag();
                    break;
                }
            }
            if (next == null) {
                break;
            }
            f = next;
        }
        StringBuilder sb = new StringBuilder();
        for (CompiledFlag c : path) {
            sb.append(c.flag.key()).append(" -> ");
        }
        return sb.append(f.flag.key()).toString();
    }

    private ClauseMatcher[] compileClauses(String path, List<Clause> clauses, boolean segmentsAllowed) {
        ClauseMatcher[] out = new ClauseMatcher[clauses.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = compileClause(path + ".clauses[" + c + "]", clauses.get(c), segmentsAllowed);
        }
        return out;
    }

    private ClauseMatcher compileClause(String path, Clause clause, boolean segmentsAllowed) {
        Operator op = clause.op();
        List<JsonValue> values = clause.values();
        if (values.isEmpty()) {
            problems.add(path + ".values: a clause needs at least one value");
        }
        if (op.isSegmentOperator()) {
            if (!segmentsAllowed) {
                problems.add(path + ".op: segment rules cannot use " + op.jsonName() + " (segments do not nest)");
                return new ClauseMatcher.InSegment(new CompiledSegment[0], false);
            }
            CompiledSegment[] segs = new CompiledSegment[values.size()];
            for (int i = 0; i < segs.length; i++) {
                String key = string(path + ".values[" + i + "]", values.get(i), op);
                segs[i] = compiledSegments.get(key);
                if (key != null && segs[i] == null) {
                    problems.add(path + ".values[" + i + "]: no segment with key '" + key + "' in this snapshot");
                }
            }
            return new ClauseMatcher.InSegment(segs, clause.negate() != (op == Operator.NOT_IN_SEGMENT));
        }
        if (clause.attribute().isBlank()) {
            problems.add(path + ".attribute: " + op.jsonName() + " needs an attribute name");
        }
        ValueMatcher matcher = switch (op) {
            case IN, NOT_IN -> in(path, values);
            case STARTS_WITH -> new ValueMatcher.Text(ValueMatcher.Text.Kind.STARTS_WITH, strings(path, values, op));
            case ENDS_WITH -> new ValueMatcher.Text(ValueMatcher.Text.Kind.ENDS_WITH, strings(path, values, op));
            case CONTAINS -> new ValueMatcher.Text(ValueMatcher.Text.Kind.CONTAINS, strings(path, values, op));
            case MATCHES -> regex(path, values, op);
            case LESS_THAN -> new ValueMatcher.NumberCompare(ValueMatcher.NumberCompare.Kind.LT, numbers(path, values, op));
            case LESS_THAN_OR_EQUAL -> new ValueMatcher.NumberCompare(ValueMatcher.NumberCompare.Kind.LE, numbers(path, values, op));
            case GREATER_THAN -> new ValueMatcher.NumberCompare(ValueMatcher.NumberCompare.Kind.GT, numbers(path, values, op));
            case GREATER_THAN_OR_EQUAL -> new ValueMatcher.NumberCompare(ValueMatcher.NumberCompare.Kind.GE, numbers(path, values, op));
            case SEMVER_EQUAL -> new ValueMatcher.SemverCompare(ValueMatcher.SemverCompare.Kind.EQ, semvers(path, values, op));
            case SEMVER_LESS_THAN -> new ValueMatcher.SemverCompare(ValueMatcher.SemverCompare.Kind.LT, semvers(path, values, op));
            case SEMVER_GREATER_THAN -> new ValueMatcher.SemverCompare(ValueMatcher.SemverCompare.Kind.GT, semvers(path, values, op));
            case BEFORE -> new ValueMatcher.DateCompare(true, dates(path, values, op));
            case AFTER -> new ValueMatcher.DateCompare(false, dates(path, values, op));
            case IN_SEGMENT, NOT_IN_SEGMENT -> throw new IllegalStateException("handled above");
        };
        return new ClauseMatcher.OnAttribute(clause.attribute(), matcher, clause.negate() != (op == Operator.NOT_IN));
    }

    private ValueMatcher in(String path, List<JsonValue> values) {
        Set<String> strings = new HashSet<>();
        List<Double> numbers = new ArrayList<>();
        boolean t = false;
        boolean f = false;
        for (int i = 0; i < values.size(); i++) {
            switch (values.get(i)) {
                case JsonValue.JsonString s -> strings.add(s.value());
                case JsonValue.JsonNumber n -> numbers.add(n.value());
                case JsonValue.JsonBoolean b -> {
                    t |= b.value();
                    f |= !b.value();
                }
                default -> problems.add(path + ".values[" + i + "]: in/notIn compare strings, numbers and booleans, not "
                        + values.get(i).typeName());
            }
        }
        return new ValueMatcher.In(strings, numbers.stream().mapToDouble(Double::doubleValue).toArray(), t, f);
    }

    private String string(String path, JsonValue v, Operator op) {
        if (v instanceof JsonValue.JsonString s) {
            return s.value();
        }
        problems.add(path + ": " + op.jsonName() + " needs a string, not " + v.typeName());
        return null;
    }

    private String[] strings(String path, List<JsonValue> values, Operator op) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String s = string(path + ".values[" + i + "]", values.get(i), op);
            if (s != null) {
                out.add(s);
            }
        }
        return out.toArray(String[]::new);
    }

    private ValueMatcher regex(String path, List<JsonValue> values, Operator op) {
        String[] sources = strings(path, values, op);
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            try {
                patterns.add(Pattern.compile(sources[i]));
            } catch (PatternSyntaxException e) {
                problems.add(path + ".values[" + i + "]: invalid regular expression '" + sources[i] + "': "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        return new ValueMatcher.Regex(patterns.toArray(Pattern[]::new));
    }

    private double[] numbers(String path, List<JsonValue> values, Operator op) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (values.get(i) instanceof JsonValue.JsonNumber n) {
                out[i] = n.value();
            } else {
                problems.add(path + ".values[" + i + "]: " + op.jsonName() + " needs a number, not "
                        + values.get(i).typeName());
            }
        }
        return out;
    }

    private Semver[] semvers(String path, List<JsonValue> values, Operator op) {
        List<Semver> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String s = string(path + ".values[" + i + "]", values.get(i), op);
            if (s == null) {
                continue;
            }
            Optional<Semver> v = Semver.parse(s);
            if (v.isEmpty()) {
                problems.add(path + ".values[" + i + "]: '" + s
                        + "' is not a semantic version (MAJOR.MINOR.PATCH[-pre-release][+build], e.g. 1.4.0)");
            } else {
                out.add(v.get());
            }
        }
        return out.toArray(Semver[]::new);
    }

    private long[] dates(String path, List<JsonValue> values, Operator op) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            JsonValue v = values.get(i);
            if (v instanceof JsonValue.JsonNumber n) {
                out[i] = (long) n.value();
            } else if (v instanceof JsonValue.JsonString s) {
                Optional<Long> millis = ValueMatcher.parseDate(s.value());
                if (millis.isEmpty()) {
                    problems.add(path + ".values[" + i + "]: '" + s.value()
                            + "' is not an RFC 3339 date-time with offset (e.g. 2026-03-02T09:00:00Z)");
                } else {
                    out[i] = millis.get();
                }
            } else {
                problems.add(path + ".values[" + i + "]: " + op.jsonName()
                        + " needs an RFC 3339 date-time string or epoch milliseconds, not " + v.typeName());
            }
        }
        return out;
    }

    private Object javaValue(String path, FlagType type, JsonValue value) {
        return switch (type) {
            case BOOLEAN -> value instanceof JsonValue.JsonBoolean b ? Boolean.valueOf(b.value())
                    : mismatch(path, type, value);
            case STRING -> value instanceof JsonValue.JsonString s ? s.value() : mismatch(path, type, value);
            case NUMBER -> value instanceof JsonValue.JsonNumber n ? Double.valueOf(n.value()) : mismatch(path, type, value);
            case JSON -> value;
        };
    }

    private Object mismatch(String path, FlagType type, JsonValue value) {
        problems.add(path + ": a " + type.jsonName() + " flag needs " + type.jsonName() + " values, not "
                + value.typeName());
        return null;
    }

    private static int indexOf(List<Variation> vs, String name) {
        for (int i = 0; i < vs.size(); i++) {
            if (vs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String names(List<Variation> vs) {
        List<String> names = new ArrayList<>();
        vs.forEach(v -> names.add("'" + v.name() + "'"));
        return String.join(", ", names);
    }

    /** Per-flag lookups of variation names and pre-built details. */
    private final class Resolver {
        private final Flag flag;
        private final int flagIndex;
        private final Map<String, Integer> variationIndex;
        private final Object[] values;

        Resolver(Flag flag, int flagIndex, Map<String, Integer> variationIndex, Object[] values) {
            this.flag = flag;
            this.flagIndex = flagIndex;
            this.variationIndex = variationIndex;
            this.values = values;
        }

        int variation(String path, String name) {
            Integer i = variationIndex.get(name);
            if (i == null) {
                problems.add(path + ": flag '" + flag.key() + "' has no variation '" + name + "' (it has "
                        + names(flag.variations()) + ")");
                return -1;
            }
            return i;
        }

        EvaluationDetail<?> detail(int v, Reason reason, String ruleId, int ruleIndex, String prerequisite) {
            if (v < 0 || values[v] == null) {
                return null; // a problem was recorded; the snapshot will be rejected
            }
            return EvaluationDetail.success(values[v], flag.variations().get(v).name(), reason, ruleId, ruleIndex,
                    prerequisite, flagIndex, v);
        }
    }
}
