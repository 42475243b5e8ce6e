package dev.gantry.cli.config;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.OutputFormat;
import dev.gantry.cli.UserFacingException;
import dev.gantry.config.ConfigDiff;
import dev.gantry.config.ConfigTree;
import dev.gantry.json.GantryJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

/** {@code gantry config diff OLD NEW}: each difference, breaking or compatible, with the reason. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two YAML or JSON deployment configurations (e.g. a Cloud Run service before and after).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no breaking difference", "1:a file cannot be read", "3:at least one breaking difference"})
public final class ConfigDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The configuration in production.")
    Path before;

    @Parameters(index = "1", paramLabel = "NEW", description = "The configuration being released.")
    Path after;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.TEXT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ConfigDiff.Finding> findings = ConfigDiff.between(read(before), read(after));
        boolean breaking = findings.stream().anyMatch(f -> f.classification() == ConfigDiff.Class.BREAKING);
        if (output == OutputFormat.JSON) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("before", before.toString());
            json.put("after", after.toString());
            json.put("breaking", breaking);
            json.put("findings", findings);
            out.println(GantryJson.write(json));
        } else {
            out.println(before + " -> " + after);
            for (ConfigDiff.Class kind : ConfigDiff.Class.values()) {
                List<ConfigDiff.Finding> part = findings.stream().filter(f -> f.classification() == kind).toList();
                if (!part.isEmpty()) {
                    out.println();
                    out.println((kind == ConfigDiff.Class.BREAKING ? "Breaking" : "Compatible") + " (" + part.size() + "):");
                    part.forEach(finding -> out.println("  " + finding.message()));
                }
            }
            if (findings.isEmpty()) {
                out.println("no differences");
            }
        }
        return breaking ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    static ConfigTree read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserFacingException(ExitCodes.ERROR, file + " does not exist.");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserFacingException(ExitCodes.ERROR, file + " cannot be read as UTF-8 text.");
        }
        return switch (ConfigTree.parse(text)) {
            case ConfigTree.Result.Read read -> read.tree();
            case ConfigTree.Result.Unreadable unreadable ->
                    throw new UserFacingException(ExitCodes.ERROR, file + ": " + unreadable.reason() + ".");
        };
    }
}
