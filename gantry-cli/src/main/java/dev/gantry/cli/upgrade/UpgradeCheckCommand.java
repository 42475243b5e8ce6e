package dev.gantry.cli.upgrade;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.OutputFormat;
import dev.gantry.env.ContractDiff;
import dev.gantry.env.DotEnv;
import dev.gantry.json.GantryJson;
import dev.gantry.upgrade.UpgradeCheck;
import dev.gantry.upgrade.UpgradePath;
import dev.gantry.upgrade.VersionedContract;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gantry upgrade check}: what to change in an env file before upgrading, hop by hop, then a verdict. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Say what to change in an env file before upgrading from one version to another, step by step "
                + "through every version in between whose contract exists. Secret values are never printed.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the env file is ready for --to", "1:the plan or env file cannot be read",
            "2:a bad version, an invalid contract, or no contract for --from or --to",
            "3:actions remain before upgrading"})
public final class UpgradeCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    UpgradeOptions options;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.TEXT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        UpgradePath path = options.path(spec.commandLine().getErr());
        UpgradeCheck.Report report = UpgradeCheck.check(path, DotEnv.parse(options.envText()));
        if (output == OutputFormat.JSON) {
            out.println(GantryJson.write(json(path, report)));
        } else {
            print(out, path, report);
        }
        return report.ready() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** A contract on the path, as JSON shows it. */
    public record ContractJson(String version, String file) {}

    /** A hop, as JSON shows it. */
    public record StepJson(String from, String to, List<ContractDiff.Finding> findings) {}

    private Map<String, Object> json(UpgradePath path, UpgradeCheck.Report report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", path.from().toString());
        json.put("to", path.to().toString());
        json.put("envFile", options.envFile.toString());
        json.put("ready", report.ready());
        json.put("contracts", path.contracts().stream()
                .map(contract -> new ContractJson(contract.version().toString(), contract.file().toString())).toList());
        json.put("steps", path.hops().stream()
                .map(hop -> new StepJson(hop.from().toString(), hop.to().toString(), hop.findings())).toList());
        json.put("actions", report.actions());
        json.put("variables", report.check().verdicts());
        json.put("undeclared", report.check().undeclared());
        json.put("malformedLines", report.malformed());
        return json;
    }

    private void print(PrintWriter out, UpgradePath path, UpgradeCheck.Report report) {
        String via = path.contracts().size() > 2 ? " via " + path.contracts().subList(1, path.contracts().size() - 1)
                .stream().map(contract -> contract.version().toString()).collect(Collectors.joining(", ")) : "";
        out.println("upgrade " + path.from() + " -> " + path.to() + via + " for " + options.envFile);
        for (VersionedContract contract : path.contracts()) {
            out.println("  " + contract.version() + ": " + contract.file());
        }
        int step = 1;
        for (UpgradePath.Hop hop : path.hops()) {
            out.println();
            out.println("Step " + step++ + ": " + hop.from() + " -> " + hop.to());
            if (hop.findings().isEmpty()) {
                out.println("  no change to the environment contract");
            }
            for (ContractDiff.Finding finding : hop.findings()) {
                out.println("  " + switch (finding.impact()) {
                    case BREAKS_UPGRADE -> "before upgrading: ";
                    case BREAKS_ROLLBACK -> "for rollback:     ";
                    case COMPATIBLE -> "note:             ";
                } + finding.message());
            }
        }
        out.println();
        out.println("What to change in " + options.envFile + " (" + path.from() + " -> " + path.to() + "):");
        for (DotEnv.Problem problem : report.malformed()) {
            out.println("  to do   " + options.envFile + ":" + problem.line() + ": " + problem.message());
        }
        if (report.actions().isEmpty() && report.malformed().isEmpty()) {
            out.println("  nothing");
        }
        for (UpgradeCheck.Action action : report.actions()) {
            out.println("  " + String.format(Locale.ROOT, "%-7s", switch (action.status()) {
                case TO_DO -> "to do";
                case DONE -> "done";
                case ADVICE -> "advice";
            }) + " " + action.message() + (action.byApply() && action.status() == UpgradeCheck.Status.TO_DO
                    ? " [apply does this]" : ""));
        }
        if (!report.check().undeclared().isEmpty()) {
            out.println("  not in the " + path.to() + " contract: " + String.join(", ", report.check().undeclared()));
        }
        out.println();
        List<UpgradeCheck.Action> remaining = report.remaining();
        int left = remaining.size() + report.malformed().size();
        long byApply = remaining.stream().filter(UpgradeCheck.Action::byApply).count();
        out.println(report.ready()
                ? "verdict: " + options.envFile + " is ready for " + path.to()
                : "verdict: " + options.envFile + " is not ready for " + path.to() + ": " + left
                        + (left == 1 ? " action remains" : " actions remain")
                        + (byApply > 0 ? " ('gantry upgrade apply' does " + byApply + " of them)" : ""));
    }
}
