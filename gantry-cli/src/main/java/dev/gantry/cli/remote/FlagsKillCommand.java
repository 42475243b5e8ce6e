package dev.gantry.cli.remote;

import dev.gantry.cli.ExitCodes;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry flags kill KEY --env ENV}: everybody gets the off variation, at once. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Kill a flag: turn targeting off so everybody gets its off variation.")
public final class FlagsKillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FlagOptions options;

    @Parameters(paramLabel = "KEY", description = "The flag key.")
    String key;

    @Override
    public Integer call() {
        var answer = options.client().post(options.path(key) + "/kill", Optional.empty());
        spec.commandLine().getOut().println("Killed in " + options.env + ": " + FlagOptions.describe(answer));
        return ExitCodes.OK;
    }
}
