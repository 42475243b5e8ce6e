package dev.gantry.cli.env;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.Output;
import dev.gantry.cli.PlanFile;
import dev.gantry.env.EnvTemplate;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry env template FILE [--out PATH]}: a documented .env.example. */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = "Write a documented .env.example from the contract (secrets left empty).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the output file cannot be written", "2:the plan has problems"})
public final class EnvTemplateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--out", paramLabel = "PATH", description = "Write here instead of standard output.")
    Path target;

    @Override
    public Integer call() {
        String template = EnvTemplate.of(PlanFile.load(file, spec.commandLine().getErr()));
        Output.write(template, target, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
