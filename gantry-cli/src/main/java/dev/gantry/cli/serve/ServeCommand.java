package dev.gantry.cli.serve;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.db.DatabaseUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gantry serve}: starts the control plane and runs until interrupted. Settings come from
 * the options, then {@code GANTRY_*} environment variables, then an optional properties file.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the control plane server (API, SDK endpoints, OFREP).",
            "Without --database-url (or GANTRY_DATABASE_URL) it keeps its data in SQLite under --data-dir.",
            "On first start it loads examples/*/release.yaml from the working directory, when present,",
            "and prints a one-time admin token (unless GANTRY_ADMIN_TOKEN is set)."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default 8080; env GANTRY_PORT; 0 picks a free one).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1; env GANTRY_BIND).")
    String bind;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the embedded database lives (default ./.gantry; env GANTRY_DATA_DIR).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "JDBC URL of the database, jdbc:postgresql://... or jdbc:sqlite:... (env GANTRY_DATABASE_URL).")
    String databaseUrl;

    @Option(names = "--allowed-outbound-hosts", paramLabel = "HOSTS",
            description = "Hosts the server's own gate checks (http, http-headers, prometheus) may call, comma-separated;"
                    + " *.example.com for subdomains (default: none; env GANTRY_ALLOWED_OUTBOUND_HOSTS).")
    String allowedOutboundHosts;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with port, bind, data-dir, database-url, allowed-outbound-hosts.")
    Path configFile;

    @Option(names = "--exit-after-start", hidden = true,
            description = "Start, print, and stop at once (smoke tests and start-up measurements).")
    boolean exitAfterStart;

    /** Environment source, replaceable in tests. */
    static Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put("port", port.toString());
        }
        if (bind != null) {
            flags.put("bind", bind);
        }
        if (dataDir != null) {
            flags.put("data-dir", dataDir.toString());
        }
        if (databaseUrl != null) {
            flags.put("database-url", databaseUrl);
        }
        if (allowedOutboundHosts != null) {
            flags.put("allowed-outbound-hosts", allowedOutboundHosts);
        }
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new UserFacingException(ExitCodes.USAGE, "The configuration file " + configFile + " does not exist.");
        }
        ServerConfig config;
        try {
            config = ServerConfig.resolve(flags, environment, Optional.ofNullable(configFile));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCodes.USAGE, e.getMessage());
        }
        Path examples = Path.of("examples");
        if (Files.isDirectory(examples)) {
            config = config.withExamples(examples);
        }
        GantryServer server;
        try {
            server = GantryServer.start(config, Clock.systemUTC());
        } catch (DatabaseUnavailableException | IllegalArgumentException e) {
            throw new UserFacingException(ExitCodes.ERROR, e.getMessage());
        } catch (RuntimeException e) {
            if (isBindFailure(e)) {
                throw new UserFacingException(ExitCodes.ERROR, "Cannot listen on " + config.bind() + ":" + config.port()
                        + " (is another server running there?); choose another with --port.");
            }
            throw e;
        }
        out.println("Gantry control plane listening at " + server.uri());
        out.println("Database: " + server.database().displayUrl());
        server.bootstrapToken().ifPresent(token -> {
            out.println("Admin token (shown only now; store it in a password manager):");
            out.println("  " + token);
            out.println("Log in with: gantry login " + server.uri() + "  (paste the token when asked)");
        });
        out.flush();
        if (exitAfterStart) {
            server.close();
            return ExitCodes.OK;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "gantry-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }
}
