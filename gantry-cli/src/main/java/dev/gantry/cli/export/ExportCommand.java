package dev.gantry.cli.export;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry export}: the plan's monitoring as files other tools read. */
@Command(name = "export", description = "Export the plan's monitoring as Prometheus rules or a Grafana dashboard.",
        mixinStandardHelpOptions = true,
        subcommands = {ExportPrometheusRulesCommand.class, ExportGrafanaCommand.class})
public final class ExportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
