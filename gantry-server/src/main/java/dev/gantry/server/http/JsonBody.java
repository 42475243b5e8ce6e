package dev.gantry.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.gantry.json.GantryJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * Reads request bodies into records strictly: unknown fields, missing bodies and invalid values
 * answer 400 naming the field; records validate in their compact constructors. Writes responses
 * with Gantry's shared JSON configuration. Thread-safe.
 */
public final class JsonBody {
    private static final ObjectMapper STRICT = GantryJson.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {}

    /**
     * @return the body as {@code type}
     * @throws ApiException 400 when the body is not that JSON
     */
    public static <T> T read(Context ctx, Class<T> type) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiException.badRequest("The request needs a JSON body.");
        }
        try {
            return STRICT.readValue(bytes, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("Unknown field '" + e.getPropertyName() + "'"
                    + (e.getPath().size() > 1 ? " at " + path(e) : "") + "; known fields: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ".")
                    .with("field", e.getPropertyName());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw ApiException.badRequest(cause.getMessage() == null ? "Invalid request body." : cause.getMessage());
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest("Field '" + path(e) + "' has an invalid value.").with("field", path(e));
        } catch (MismatchedInputException e) {
            String p = path(e);
            throw ApiException.badRequest(p.isEmpty() ? "The body is not the expected JSON object."
                    : "Field '" + p + "' is missing or has the wrong type.").with("field", p);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the body as a JSON tree, 400 when it is not JSON */
    public static JsonNode tree(Context ctx) {
        return read(ctx, JsonNode.class);
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Answers {@code status} with {@code value} as JSON. */
    public static void respond(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(GantryJson.mapper().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the shared mapper, for building trees */
    public static ObjectMapper mapper() {
        return GantryJson.mapper();
    }
}
