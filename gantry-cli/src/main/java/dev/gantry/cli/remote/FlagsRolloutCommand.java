package dev.gantry.cli.remote;

import dev.gantry.cli.ExitCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry flags rollout KEY PERCENT --env ENV [--variation V]}. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Serve a variation to a percentage of units; the rest get the off variation.")
public final class FlagsRolloutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FlagOptions options;

    @Parameters(index = "0", paramLabel = "KEY", description = "The flag key.")
    String key;

    @Parameters(index = "1", paramLabel = "PERCENT", description = "0 to 100; decimals allowed (0.5).")
    double percent;

    @Option(names = "--variation", paramLabel = "NAME",
            description = "The variation rolled out (default for boolean flags: the one whose value is true).")
    String variation;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("percent", percent);
        if (variation != null) {
            body.put("variation", variation);
        }
        var answer = options.client().post(options.path(key) + "/rollout", Optional.of(body));
        spec.commandLine().getOut().println("Rolled out in " + options.env + ": " + FlagOptions.describe(answer));
        return ExitCodes.OK;
    }
}
