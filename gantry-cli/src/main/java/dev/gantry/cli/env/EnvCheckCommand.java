package dev.gantry.cli.env;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.OutputFormat;
import dev.gantry.env.DotEnv;
import dev.gantry.env.EnvironmentCheck;
import dev.gantry.json.GantryJson;
import dev.gantry.plan.ContractLoad;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry env check FILE (--env-file PATH | --from-process)}: a verdict per variable. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check an env file or this process's environment against the contract. Secret values are never printed.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the environment satisfies the contract", "1:the env file cannot be read",
            "2:the plan or contract has problems", "3:the environment does not satisfy the contract"})
public final class EnvCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan (or a file holding only 'environment:').")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--env-file", paramLabel = "PATH", description = "A .env file to check.")
        Path envFile;

        @Option(names = "--from-process", description = "Check this process's environment.")
        boolean fromProcess;
    }

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.TEXT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ContractLoad.Loaded contract = Contracts.load(file, spec.commandLine().getErr());
        List<DotEnv.Problem> malformed = List.of();
        Map<String, String> environment;
        if (source.envFile != null) {
            DotEnv dotEnv = Contracts.readEnvFile(source.envFile);
            malformed = dotEnv.problems();
            environment = dotEnv.values();
        } else {
            environment = System.getenv();
        }
        EnvironmentCheck.Report report = EnvironmentCheck.check(contract.variables(), environment, source.envFile != null);
        boolean satisfied = report.satisfied() && malformed.isEmpty();
        if (output == OutputFormat.JSON) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("contract", file.toString());
            json.put("environment", source.envFile != null ? source.envFile.toString() : "process");
            json.put("satisfied", satisfied);
            json.put("variables", report.verdicts());
            json.put("undeclared", report.undeclared());
            json.put("malformedLines", malformed);
            out.println(GantryJson.write(json));
        } else {
            print(out, report, malformed, satisfied);
        }
        return satisfied ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private void print(PrintWriter out, EnvironmentCheck.Report report, List<DotEnv.Problem> malformed, boolean satisfied) {
        for (DotEnv.Problem problem : malformed) {
            out.println(source.envFile + ":" + problem.line() + ": " + problem.message());
        }
        int width = report.verdicts().stream().mapToInt(verdict -> verdict.name().length()).max().orElse(4);
        for (EnvironmentCheck.Verdict verdict : report.verdicts()) {
            out.printf(Locale.ROOT, "%-" + width + "s  %-10s  %s%n", verdict.name(),
                    verdict.status().name().toLowerCase(Locale.ROOT), verdict.reason());
        }
        if (!report.undeclared().isEmpty()) {
            out.println("not in the contract: " + String.join(", ", report.undeclared()));
        }
        int failures = report.failures().size() + malformed.size();
        out.println(satisfied
                ? "the environment satisfies the contract (" + report.verdicts().size() + " variables)"
                : "the environment does not satisfy the contract: " + failures + (failures == 1 ? " problem" : " problems"));
    }
}
