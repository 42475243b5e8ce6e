package dev.gantry.flags;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gantry.flags.internal.CompiledSnapshot;
import dev.gantry.flags.internal.JsonTree;
import dev.gantry.flags.internal.SnapshotJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An immutable, validated set of flags and segments with a version, in the JSON form of
 * docs/flags-format.md, compiled for evaluation: regular expressions, semantic versions and dates
 * are parsed once, and every successful {@link EvaluationDetail} is built at load time, so
 * evaluating allocates nothing on the common paths.
 *
 * <p>Building a snapshot either succeeds completely or throws {@link SnapshotFormatException}
 * naming the JSON path of every problem; there is no partially loaded snapshot. Prerequisite
 * cycles do not reject the snapshot: the flags involved evaluate to
 * {@link ErrorCode#MALFORMED_FLAG}.
 *
 * <p>Thread-safe. Evaluation methods never throw.
 */
public final class Snapshot implements FlagEvaluator {
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._:+-]{1,128}");
    private static final Snapshot EMPTY = of("empty", List.of(), List.of());

    private final String version;
    private final List<Flag> flags;
    private final List<Segment> segments;
    private final CompiledSnapshot compiled;
    private final Map<String, Flag> flagsByKey = new HashMap<>();

    private Snapshot(String version, List<Flag> flags, List<Segment> segments, CompiledSnapshot compiled) {
        this.version = version;
        this.flags = flags;
        this.segments = segments;
        this.compiled = compiled;
        for (Flag f : flags) {
            flagsByKey.putIfAbsent(f.key(), f);
        }
    }

    /**
     * Builds a snapshot from model objects.
     *
     * @param version opaque version, 1 to 128 characters from {@code [A-Za-z0-9._:+-]}; changes
     *     whenever the content changes
     * @param flags the flags; keys unique
     * @param segments the segments; keys unique
     * @return the snapshot
     * @throws SnapshotFormatException listing every problem with its JSON path
     */
    public static Snapshot of(String version, List<Flag> flags, List<Segment> segments) {
        Objects.requireNonNull(version, "version");
        if (!VERSION.matcher(version).matches()) {
            throw new SnapshotFormatException("$.version: '" + version + "' is not a valid version: use 1 to 128"
                    + " characters from A-Z, a-z, 0-9 and . _ : + - (it travels in ETag and SSE id fields)");
        }
        List<Flag> f = List.copyOf(flags);
        List<Segment> s = List.copyOf(segments);
        return new Snapshot(version, f, s, CompiledSnapshot.compile(f, s));
    }

    /** @return a snapshot with no flags, version {@code "empty"}; every evaluation yields FLAG_NOT_FOUND */
    public static Snapshot empty() {
        return EMPTY;
    }

    /**
     * @param json the snapshot document
     * @return the snapshot
     * @throws SnapshotFormatException when the document is malformed
     */
    public static Snapshot parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param json the snapshot document, UTF-8
     * @return the snapshot
     * @throws SnapshotFormatException when the document is malformed
     */
    public static Snapshot parse(byte[] json) {
        JsonValue root = JsonTree.parse(json);
        SnapshotJson.Parts parts;
        try {
            parts = SnapshotJson.read(root);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFormatException("$: " + e.getMessage());
        }
        return of(parts.version(), parts.flags(), parts.segments());
    }

    /**
     * @param file a snapshot document
     * @return the snapshot
     * @throws UncheckedIOException when the file cannot be read
     * @throws SnapshotFormatException when the document is malformed
     */
    public static Snapshot read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read flag snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the version, as sent in the ETag and SSE {@code id:} */
    public String version() {
        return version;
    }

    /** @return the flags, in document order */
    public List<Flag> flags() {
        return flags;
    }

    /** @return the segments, in document order */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * @param key a flag key
     * @return the flag, if present
     */
    public Optional<Flag> flag(String key) {
        return Optional.ofNullable(key == null ? null : flagsByKey.get(key));
    }

    /**
     * @param key a segment key
     * @return the segment, if present
     */
    public Optional<Segment> segment(String key) {
        for (Segment s : segments) {
            if (s.key().equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** @return the document in the format of docs/flags-format.md, UTF-8 */
    public byte[] toJsonBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonTree.FACTORY.createGenerator(out)) {
            SnapshotJson.write(g, version, flags, segments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return the document in the format of docs/flags-format.md */
    public String toJson() {
        return new String(toJsonBytes(), StandardCharsets.UTF_8);
    }

    @Override
    @SuppressWarnings("unchecked")
    public EvaluationDetail<Boolean> booleanDetail(String flagKey, EvaluationContext context, boolean defaultValue) {
        EvaluationDetail<?> d = compiled.evaluate(flagKey, context, FlagType.BOOLEAN);
        return d.isError() ? withDefault(d, defaultValue) : (EvaluationDetail<Boolean>) d;
    }

    @Override
    @SuppressWarnings("unchecked")
    public EvaluationDetail<String> stringDetail(String flagKey, EvaluationContext context, String defaultValue) {
        EvaluationDetail<?> d = compiled.evaluate(flagKey, context, FlagType.STRING);
        return d.isError() ? withDefault(d, defaultValue) : (EvaluationDetail<String>) d;
    }

    @Override
    @SuppressWarnings("unchecked")
    public EvaluationDetail<Double> numberDetail(String flagKey, EvaluationContext context, double defaultValue) {
        EvaluationDetail<?> d = compiled.evaluate(flagKey, context, FlagType.NUMBER);
        return d.isError() ? withDefault(d, defaultValue) : (EvaluationDetail<Double>) d;
    }

    @Override
    @SuppressWarnings("unchecked")
    public EvaluationDetail<JsonValue> jsonDetail(String flagKey, EvaluationContext context, JsonValue defaultValue) {
        EvaluationDetail<?> d = compiled.evaluate(flagKey, context, FlagType.JSON);
        return d.isError() ? withDefault(d, defaultValue) : (EvaluationDetail<JsonValue>) d;
    }

    private static <T> EvaluationDetail<T> withDefault(EvaluationDetail<?> error, T defaultValue) {
        return EvaluationDetail.error(defaultValue, error.errorCode().orElseThrow(), error.errorMessage().orElseThrow(),
                error.flagIndex());
    }

    @Override
    public String toString() {
        return "Snapshot[version=" + version + ", flags=" + flags.size() + ", segments=" + segments.size() + "]";
    }
}
