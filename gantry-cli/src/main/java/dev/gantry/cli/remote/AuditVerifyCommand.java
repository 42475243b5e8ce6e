package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.server.audit.AuditChain;
import dev.gantry.server.audit.AuditStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gantry audit verify}: checks the audit hash chain, through the server or straight in
 * its database ({@code --database-url} or {@code --data-dir}). Exit 0 intact, 3 broken.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify the audit log's hash chain: an altered or removed entry breaks it.",
            "Against the server by default; offline with --database-url or --data-dir. Exit 3 when broken."})
public final class AuditVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", description = "The server (default: GANTRY_URL or gantry login's).")
    String server;

    @Option(names = "--database-url", paramLabel = "URL", description = "Verify in this database directly (JDBC URL).")
    String databaseUrl;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Verify the embedded database in DIR directly.")
    Path dataDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (databaseUrl != null || dataDir != null) {
            String url = databaseUrl;
            if (url == null) {
                Path db = dataDir.resolve("gantry.db");
                if (!Files.isRegularFile(db)) {
                    throw new UserFacingException(ExitCodes.USAGE, "No Gantry database at " + db + ".");
                }
                url = "jdbc:sqlite:" + db.toAbsolutePath();
            }
            AuditChain.Verification v;
            try {
                v = AuditStore.verifyDatabase(url);
            } catch (RuntimeException e) {
                throw new UserFacingException(ExitCodes.ERROR, "Cannot read the audit log from the database: "
                        + e.getClass().getSimpleName() + ".");
            }
            return switch (v) {
                case AuditChain.Verification.Intact ok -> intact(out, ok.entries(), ok.head());
                case AuditChain.Verification.Broken b -> broken(b.seq(), b.reason());
            };
        }
        JsonNode answer = ApiClient.connect(Optional.ofNullable(server)).get("/api/v1/audit/verify");
        if (answer.path("intact").asBoolean()) {
            return intact(out, answer.path("entries").asLong(), answer.path("head").asText());
        }
        return broken(answer.path("seq").asLong(), answer.path("reason").asText());
    }

    private static int intact(PrintWriter out, long entries, String head) {
        out.println("Audit chain intact: " + entries + " entries, head " + head + ".");
        return ExitCodes.OK;
    }

    private int broken(long seq, String reason) {
        spec.commandLine().getErr().println("gantry: audit chain BROKEN at entry " + seq + ": " + reason + ".");
        return ExitCodes.CHECK_FAILED;
    }
}
