package dev.gantry.server.flag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.flags.Snapshot;
import dev.gantry.flags.SnapshotFormatException;
import dev.gantry.server.http.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Flag definitions as stored and served: the flag objects of docs/flags-format.md. Snapshots
 * are assembled from stored definitions and validated whole by gantry-flags. Stateless.
 */
final class FlagJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private FlagJson() {}

    /**
     * Builds and validates the snapshot of {@code definitions}.
     *
     * @throws ApiException 422 with the problems gantry-flags reports
     */
    static Snapshot snapshot(String version, List<JsonNode> flagDefinitions, List<JsonNode> segmentDefinitions,
            String label) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("format", 1);
        doc.put("version", version);
        ArrayNode flags = doc.putArray("flags");
        flagDefinitions.forEach(flags::add);
        ArrayNode segments = doc.putArray("segments");
        segmentDefinitions.forEach(segments::add);
        try {
            return Snapshot.parse(MAPPER.writeValueAsBytes(doc));
        } catch (SnapshotFormatException e) {
            throw ApiException.unprocessable(label + " is not valid: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the flag or segment objects ({@code member} "flags" or "segments") of a snapshot, in its order */
    static List<JsonNode> definitions(Snapshot snapshot, String member) {
        JsonNode doc = parse(snapshot.toJson());
        List<JsonNode> out = new java.util.ArrayList<>();
        doc.path(member).forEach(out::add);
        return List.copyOf(out);
    }
}
