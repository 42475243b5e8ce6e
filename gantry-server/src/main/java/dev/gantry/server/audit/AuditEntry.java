package dev.gantry.server.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.server.auth.Secrets;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One entry of the audit log.
 *
 * @param seq position in the chain, from 1, without gaps
 * @param at when, ISO-8601 UTC
 * @param actor who (token name and id)
 * @param action what, for example {@code flag.kill}
 * @param target what it was done to, for example {@code flag:production/new-checkout}
 * @param before the state before as JSON ({@code null} literal when there was none)
 * @param after the state after as JSON
 * @param prevHash the previous entry's hash (64 zeros for the first)
 * @param hash SHA-256 over {@code prevHash + "\n" + canonical()}
 */
public record AuditEntry(long seq, String at, String actor, String action, String target,
        String before, String after, String prevHash, String hash) {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Rejects missing parts. */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /**
     * The canonical form the hash covers: a compact JSON array of the fields in a fixed order,
     * each text field as a JSON string exactly as stored. Documented in docs/api.md so another
     * tool can verify a chain.
     */
    public static String canonical(long seq, String at, String actor, String action, String target,
            String before, String after) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
            g.writeStartArray();
            g.writeNumber(seq);
            g.writeString(at);
            g.writeString(actor);
            g.writeString(action);
            g.writeString(target);
            g.writeString(before);
            g.writeString(after);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** @return the hash this entry's content and previous hash give */
    public String expectedHash() {
        return hashOf(prevHash, canonical(seq, at, actor, action, target, before, after));
    }

    static String hashOf(String prevHash, String canonical) {
        return Secrets.sha256(prevHash + "\n" + canonical);
    }
}
