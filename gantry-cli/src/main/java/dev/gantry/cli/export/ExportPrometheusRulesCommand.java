package dev.gantry.cli.export;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.Output;
import dev.gantry.cli.PlanFile;
import dev.gantry.monitoring.PrometheusRules;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry export prometheus-rules FILE [--out PATH]}. */
@Command(name = "prometheus-rules", mixinStandardHelpOptions = true, description = "Write the plan's Prometheus guards and monitoring alerts as a Prometheus alerting-rules file.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the output cannot be written", "2:the plan has problems"})
public final class ExportPrometheusRulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--out", paramLabel = "PATH", description = "Write here instead of standard output.")
    Path target;

    @Override
    public Integer call() {
        String text = PrometheusRules.of(PlanFile.load(file, spec.commandLine().getErr()));
        Output.write(text, target, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
