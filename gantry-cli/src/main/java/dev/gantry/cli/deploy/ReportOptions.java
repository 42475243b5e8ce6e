package dev.gantry.cli.deploy;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --report [--server URL]}: also send the run log to the control plane. */
public final class ReportOptions {
    @Option(names = "--report",
            description = "Also send the run log to the control plane (the server from gantry login, GANTRY_URL or --server).")
    boolean report;

    @Option(names = "--server", paramLabel = "URL", description = "The server for --report.")
    String server;

    Optional<String> server() {
        return Optional.ofNullable(server);
    }
}
