package dev.gantry.flags.sdk;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gantry.flags.ErrorCode;
import dev.gantry.flags.EvaluationDetail;
import dev.gantry.flags.Flag;
import dev.gantry.flags.Snapshot;
import dev.gantry.flags.internal.JsonTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Evaluation counters per flag and variant, evaluation errors per flag and code, and
 * application-reported events per flag, variant and name. Counting a successful evaluation
 * touches one pre-allocated {@link LongAdder}; {@link #drain} turns everything counted since the
 * last drain into one metrics batch (docs/sdk-protocol.md). Thread-safe; counts are best-effort
 * around a snapshot switch.
 */
final class MetricsCollector {
    /** Counters laid out for one snapshot. */
    static final class Slots {
        final Snapshot snapshot;
        final LongAdder[][] evaluations;
        final LongAdder[][] errors;

        Slots(Snapshot snapshot) {
            this.snapshot = snapshot;
            List<Flag> flags = snapshot.flags();
            evaluations = new LongAdder[flags.size()][];
            errors = new LongAdder[flags.size()][];
            for (int i = 0; i < flags.size(); i++) {
                evaluations[i] = adders(flags.get(i).variations().size());
                errors[i] = adders(ErrorCode.values().length);
            }
        }

        private static LongAdder[] adders(int n) {
            LongAdder[] a = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                a[i] = new LongAdder();
            }
            return a;
        }

        void record(String flagKey, EvaluationDetail<?> d, MetricsCollector owner) {
            int f = d.flagIndex();
            if (!d.isError()) {
                evaluations[f][d.variationIndex()].increment();
            } else if (f >= 0 && f < errors.length) {
                errors[f][d.errorCode().orElseThrow().ordinal()].increment();
            } else {
                owner.unknownFlag(flagKey);
            }
        }
    }

    private record EventKey(String flag, String variant, String event) {
    }

    private final Map<String, LongAdder> notFound = new ConcurrentHashMap<>();
    private final Map<EventKey, LongAdder> events = new ConcurrentHashMap<>();
    private final List<Slots> retired = new ArrayList<>();

    void unknownFlag(String flagKey) {
        notFound.computeIfAbsent(String.valueOf(flagKey), k -> new LongAdder()).increment();
    }

    void event(String flagKey, Optional<String> variant, String eventName) {
        events.computeIfAbsent(new EventKey(flagKey, variant.orElse(null), eventName), k -> new LongAdder()).increment();
    }

    /** @param old slots of a snapshot that is no longer in force; still drained once */
    synchronized void retire(Slots old) {
        retired.add(old);
    }

    /**
     * @param current slots in force
     * @param from start of the period
     * @param to end of the period
     * @return the batch JSON, or empty when nothing was counted
     */
    synchronized Optional<byte[]> drain(Slots current, Instant from, Instant to) {
        TreeMap<String, TreeMap<String, long[]>> evals = new TreeMap<>();
        TreeMap<String, TreeMap<String, Long>> errs = new TreeMap<>();
        List<Slots> all = new ArrayList<>(retired);
        all.add(current);
        retired.clear();
        for (Slots s : all) {
            List<Flag> flags = s.snapshot.flags();
            for (int f = 0; f < flags.size(); f++) {
                Flag flag = flags.get(f);
                for (int v = 0; v < s.evaluations[f].length; v++) {
                    long n = s.evaluations[f][v].sumThenReset();
                    if (n > 0) {
                        evals.computeIfAbsent(flag.key(), k -> new TreeMap<>())
                                .computeIfAbsent(flag.variations().get(v).name(), k -> new long[1])[0] += n;
                    }
                }
                for (ErrorCode code : ErrorCode.values()) {
                    long n = s.errors[f][code.ordinal()].sumThenReset();
                    if (n > 0) {
                        errs.computeIfAbsent(flag.key(), k -> new TreeMap<>()).merge(code.name(), n, Long::sum);
                    }
                }
            }
        }
        // Entries are removed when drained so that keys seen once do not stay in memory forever;
        // an increment racing with the removal may be lost, which counters tolerate.
        for (String key : List.copyOf(notFound.keySet())) {
            LongAdder adder = notFound.remove(key);
            long n = adder == null ? 0 : adder.sum();
            if (n > 0) {
                errs.computeIfAbsent(key, k -> new TreeMap<>()).merge(ErrorCode.FLAG_NOT_FOUND.name(), n, Long::sum);
            }
        }
        TreeMap<String, TreeMap<String, TreeMap<String, Long>>> evs = new TreeMap<>();
        for (EventKey k : List.copyOf(events.keySet())) {
            LongAdder adder = events.remove(k);
            long n = adder == null ? 0 : adder.sum();
            if (n > 0) {
                evs.computeIfAbsent(k.flag(), x -> new TreeMap<>())
                        .computeIfAbsent(k.variant() == null ? "" : k.variant(), x -> new TreeMap<>())
                        .merge(k.event(), n, Long::sum);
            }
        }
        if (evals.isEmpty() && errs.isEmpty() && evs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(write(current.snapshot.version(), from, to, evals, errs, evs));
    }

    private static byte[] write(String version, Instant from, Instant to, TreeMap<String, TreeMap<String, long[]>> evals,
            TreeMap<String, TreeMap<String, Long>> errs, TreeMap<String, TreeMap<String, TreeMap<String, Long>>> evs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonTree.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("sdk", Endpoints.USER_AGENT);
            g.writeStringField("snapshotVersion", version);
            g.writeStringField("from", from.toString());
            g.writeStringField("to", to.toString());
            g.writeArrayFieldStart("variants");
            TreeMap<String, TreeMap<String, Boolean>> keys = new TreeMap<>();
            evals.forEach((f, m) -> m.keySet().forEach(v -> keys.computeIfAbsent(f, x -> new TreeMap<>()).put(v, true)));
            evs.forEach((f, m) -> m.keySet().forEach(v -> keys.computeIfAbsent(f, x -> new TreeMap<>()).put(v, true)));
            for (var fe : keys.entrySet()) {
                for (String variant : fe.getValue().keySet()) {
                    g.writeStartObject();
                    g.writeStringField("flag", fe.getKey());
                    if (variant.isEmpty()) {
                        g.writeNullField("variant");
                    } else {
                        g.writeStringField("variant", variant);
                    }
                    long[] n = evals.getOrDefault(fe.getKey(), new TreeMap<>()).get(variant);
                    g.writeNumberField("evaluations", n == null ? 0 : n[0]);
                    g.writeObjectFieldStart("events");
                    TreeMap<String, Long> e = evs.getOrDefault(fe.getKey(), new TreeMap<>()).get(variant);
                    if (e != null) {
                        for (var ev : e.entrySet()) {
                            g.writeNumberField(ev.getKey(), ev.getValue());
                        }
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("errors");
            for (var fe : errs.entrySet()) {
                for (var ce : fe.getValue().entrySet()) {
                    g.writeStartObject();
                    g.writeStringField("flag", fe.getKey());
                    g.writeStringField("errorCode", ce.getKey());
                    g.writeNumberField("count", ce.getValue());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
