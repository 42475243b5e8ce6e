package dev.gantry.flags;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gantry.flags.internal.JsonTree;
import dev.gantry.flags.internal.SnapshotJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code patch} document of the SDK stream (docs/sdk-protocol.md): the changes that turn the
 * snapshot of one version into the next. {@link #diff} writes one (for servers), {@link #apply}
 * applies one (for SDKs); the result of applying is validated whole like any snapshot. Stateless
 * and thread-safe.
 */
public final class SnapshotPatch {

    /** The patch was made against another version than the one it is applied to. */
    public static final class BaseMismatchException extends FlagsException {
        /** @param message names both versions */
        public BaseMismatchException(String message) {
            super(message);
        }
    }

    private SnapshotPatch() {
    }

    /**
     * @param base the snapshot the patch applies to
     * @param target the snapshot the patch produces
     * @return the patch document: changed or added flags and segments in full, deleted keys
     */
    public static String diff(Snapshot base, Snapshot target) {
        Map<String, Flag> oldFlags = new HashMap<>();
        base.flags().forEach(f -> oldFlags.put(f.key(), f));
        Map<String, Segment> oldSegments = new HashMap<>();
        base.segments().forEach(s -> oldSegments.put(s.key(), s));
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonTree.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("baseVersion", base.version());
            g.writeStringField("version", target.version());
            g.writeArrayFieldStart("flags");
            for (Flag f : target.flags()) {
                if (!f.equals(oldFlags.remove(f.key()))) {
                    SnapshotJson.writeFlag(g, f);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("deletedFlags");
            for (Flag f : base.flags()) {
                if (oldFlags.containsKey(f.key())) {
                    g.writeString(f.key());
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("segments");
            for (Segment s : target.segments()) {
                if (!s.equals(oldSegments.remove(s.key()))) {
                    SnapshotJson.writeSegment(g, s);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("deletedSegments");
            for (Segment s : base.segments()) {
                if (oldSegments.containsKey(s.key())) {
                    g.writeString(s.key());
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Removes the deleted flags and segments, then adds or replaces the given ones (replaced
     * ones keep their position, new ones go last), and builds the snapshot of the new version.
     *
     * @param base the snapshot in force
     * @param patchJson the patch document
     * @return the new snapshot
     * @throws BaseMismatchException when the patch was made for another version than base's
     * @throws SnapshotFormatException when the patch or its result is malformed
     */
    public static Snapshot apply(Snapshot base, String patchJson) {
        JsonValue root = JsonTree.parse(patchJson.getBytes(StandardCharsets.UTF_8));
        SnapshotJson.Obj o = SnapshotJson.Obj.of("$", root);
        String baseVersion;
        String version;
        List<Flag> flags;
        List<String> deletedFlags;
        List<Segment> segments;
        List<String> deletedSegments;
        try {
            baseVersion = o.name("baseVersion");
            version = o.name("version");
            flags = o.optArray("flags", SnapshotJson::flag);
            deletedFlags = o.optArray("deletedFlags", SnapshotPatch::string);
            segments = o.optArray("segments", SnapshotJson::segment);
            deletedSegments = o.optArray("deletedSegments", SnapshotPatch::string);
            o.done();
        } catch (IllegalArgumentException e) {
            throw new SnapshotFormatException("$: " + e.getMessage());
        }
        if (!baseVersion.equals(base.version())) {
            throw new BaseMismatchException("The patch to version " + version + " applies to version " + baseVersion
                    + " but version " + base.version() + " is in force.");
        }
        Map<String, Flag> f = new LinkedHashMap<>();
        base.flags().forEach(x -> f.put(x.key(), x));
        deletedFlags.forEach(f::remove);
        flags.forEach(x -> f.put(x.key(), x));
        Map<String, Segment> s = new LinkedHashMap<>();
        base.segments().forEach(x -> s.put(x.key(), x));
        deletedSegments.forEach(s::remove);
        segments.forEach(x -> s.put(x.key(), x));
        return Snapshot.of(version, new ArrayList<>(f.values()), new ArrayList<>(s.values()));
    }

    private static String string(String path, JsonValue v) {
        if (v instanceof JsonValue.JsonString str) {
            return str.value();
        }
        throw new SnapshotFormatException(path + ": expected a string, got " + v.typeName());
    }
}
