package dev.gantry.cli.docs;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.Output;
import dev.gantry.cli.PlanFile;
import dev.gantry.cli.UserFacingException;
import dev.gantry.docs.CommitRange;
import dev.gantry.docs.DocumentSet;
import dev.gantry.docs.template.TemplateException;
import dev.gantry.plan.ReleasePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry docs generate FILE --out DIR [--templates DIR]}: the launch document set. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write the launch documents: RELEASE-NOTES.md, MIGRATION.md, LAUNCH-RUNBOOK.md, "
                + "ROLLBACK-PROCEDURE.md, POST-LAUNCH.md and SUPPORT.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:a document cannot be written",
            "2:the plan has problems, or a template is invalid"})
public final class DocsGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The directory the documents are written to.")
    Path out;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Your own templates, named like the documents (RELEASE-NOTES.md, ...); they replace the built-in ones.")
    Path templates;

    @Option(names = "--from-tag", paramLabel = "TAG",
            description = "Add the Conventional Commits since this git tag to the release notes.")
    String fromTag;

    @Option(names = "--to-tag", paramLabel = "TAG", description = "The last tag or revision of the range (default: HEAD).")
    String toTag;

    @Option(names = "--repo", paramLabel = "DIR", description = "The git repository (default: the plan's directory).")
    Path repo;

    @Override
    public Integer call() {
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        if (fromTag == null && (toTag != null || repo != null)) {
            throw new UserFacingException(ExitCodes.USAGE, "--to-tag and --repo need --from-tag.");
        }
        Optional<CommitRange> commits = fromTag == null ? Optional.empty()
                : Optional.of(GitLog.between(repo == null ? plan.directory() : repo, fromTag, toTag == null ? "HEAD" : toTag));
        Map<String, String> documents;
        try {
            documents = DocumentSet.generate(plan, overrides(), commits);
        } catch (TemplateException e) {
            throw new UserFacingException(ExitCodes.USAGE, e.getMessage());
        }
        for (Map.Entry<String, String> document : documents.entrySet()) {
            Output.write(document.getValue(), out.resolve(document.getKey()), spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new TreeMap<>();
        if (templates == null) {
            return overrides;
        }
        if (!Files.isDirectory(templates)) {
            throw new UserFacingException(ExitCodes.USAGE, "--templates " + templates + " is not a directory.");
        }
        for (String name : DocumentSet.NAMES) {
            Path template = templates.resolve(name);
            if (Files.isRegularFile(template)) {
                try {
                    overrides.put(name, Files.readString(template, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UserFacingException(ExitCodes.ERROR, "cannot read " + template + " ("
                            + e.getClass().getSimpleName() + ").");
                }
            }
        }
        if (overrides.isEmpty()) {
            throw new UserFacingException(ExitCodes.USAGE, "--templates " + templates + " holds no template named like a"
                    + " document; name them " + String.join(", ", DocumentSet.NAMES) + ".");
        }
        return overrides;
    }
}
