package dev.gantry.cli.env;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.OutputFormat;
import dev.gantry.env.ContractDiff;
import dev.gantry.json.GantryJson;
import dev.gantry.plan.ContractLoad;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry env diff OLD NEW}: what the contract change breaks, going forward and on rollback. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two contracts (plans or environment-only files): what breaks the upgrade, what breaks a rollback.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing breaks", "2:a plan or contract has problems",
            "3:the change breaks the upgrade or a rollback (each finding says what to do)"})
public final class EnvDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The contract of the version in production.")
    Path before;

    @Parameters(index = "1", paramLabel = "NEW", description = "The contract of the version being released.")
    Path after;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.TEXT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ContractLoad.Loaded old = Contracts.load(before, spec.commandLine().getErr());
        ContractLoad.Loaded now = Contracts.load(after, spec.commandLine().getErr());
        List<ContractDiff.Finding> findings = ContractDiff.between(old.variables(), now.variables());
        boolean breaking = findings.stream().anyMatch(finding -> finding.impact() != ContractDiff.Impact.COMPATIBLE);
        if (output == OutputFormat.JSON) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("from", old.version().orElse(before.toString()));
            json.put("to", now.version().orElse(after.toString()));
            json.put("breaking", breaking);
            json.put("findings", findings);
            out.println(GantryJson.write(json));
        } else {
            out.println("environment contract " + old.version().orElse(before.toString()) + " -> "
                    + now.version().orElse(after.toString()));
            section(out, "Breaks the upgrade (act before upgrading)", findings, ContractDiff.Impact.BREAKS_UPGRADE);
            section(out, "Breaks a rollback (keep the old setup until the release is final)", findings,
                    ContractDiff.Impact.BREAKS_ROLLBACK);
            section(out, "Compatible", findings, ContractDiff.Impact.COMPATIBLE);
            if (findings.isEmpty()) {
                out.println("no differences");
            }
        }
        return breaking ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private static void section(PrintWriter out, String title, List<ContractDiff.Finding> findings,
            ContractDiff.Impact impact) {
        List<ContractDiff.Finding> part = findings.stream().filter(finding -> finding.impact() == impact).toList();
        if (!part.isEmpty()) {
            out.println();
            out.println(title + ":");
            part.forEach(finding -> out.println("  " + finding.message()));
        }
    }
}
