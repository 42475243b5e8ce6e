package dev.gantry.flags.sdk;

import dev.gantry.flags.Flag;
import dev.gantry.flags.JsonValue;
import dev.gantry.flags.Segment;
import dev.gantry.flags.Snapshot;
import dev.gantry.flags.SnapshotFormatException;
import dev.gantry.flags.internal.JsonTree;
import dev.gantry.flags.internal.SnapshotJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a {@code patch} stream event (docs/sdk-protocol.md) to a snapshot. The result is
 * validated whole like any snapshot.
 */
final class SnapshotPatch {
    /** The patch was made against another version than the one in force. */
    static final class BaseMismatch extends Exception {
        BaseMismatch(String message) {
            super(message);
        }
    }

    private SnapshotPatch() {
    }

    static Snapshot apply(Snapshot base, String json) throws BaseMismatch {
        JsonValue root = JsonTree.parse(json.getBytes(StandardCharsets.UTF_8));
        SnapshotJson.Obj o = SnapshotJson.Obj.of("$", root);
        String baseVersion = o.name("baseVersion");
        String version = o.name("version");
        List<Flag> flags = o.optArray("flags", SnapshotJson::flag);
        List<String> deletedFlags = o.optArray("deletedFlags", SnapshotPatch::string);
        List<Segment> segments = o.optArray("segments", SnapshotJson::segment);
        List<String> deletedSegments = o.optArray("deletedSegments", SnapshotPatch::string);
        o.done();
        if (!baseVersion.equals(base.version())) {
            throw new BaseMismatch("patch to version " + version + " applies to version " + baseVersion
                    + " but version " + base.version() + " is in force");
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
