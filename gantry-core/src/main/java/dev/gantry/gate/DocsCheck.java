package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.EnvVar;
import dev.gantry.plan.GateCategory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Documents exist and are not empty (only whitespace counts as empty); optionally every
 * variable of the environment contract is named, as a whole word, in one document.
 */
final class DocsCheck implements CheckEvaluator<CheckSpec.Docs> {
    @Override
    public CheckResult evaluate(CheckSpec.Docs spec, GateCategory.Item item, CheckContext context) {
        List<String> problems = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (String path : spec.paths()) {
            Path file = context.plan().resolve(path);
            if (Files.isDirectory(file)) {
                problems.add(path + " is a directory, not a document");
            } else if (!Files.isRegularFile(file)) {
                problems.add(path + " does not exist");
            } else {
                try {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    if (text.isBlank()) {
                        problems.add(path + " is empty");
                    } else {
                        evidence.add(path + ": " + text.lines().count() + " lines");
                    }
                } catch (IOException e) {
                    problems.add(path + " cannot be read as UTF-8 text");
                }
            }
        }
        if (spec.envDocumentedIn().isPresent()) {
            String path = spec.envDocumentedIn().get();
            Path file = context.plan().resolve(path);
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                List<String> undocumented = new ArrayList<>();
                for (EnvVar variable : context.plan().environment()) {
                    if (!Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(variable.name()) + "(?![A-Za-z0-9_])")
                            .matcher(text).find()) {
                        undocumented.add(variable.name());
                    }
                }
                if (undocumented.isEmpty()) {
                    evidence.add(path + " documents all " + context.plan().environment().size() + " contract variables");
                } else {
                    problems.add(path + " does not document " + String.join(", ", undocumented));
                }
            } catch (IOException e) {
                problems.add(path + (Files.exists(file) ? " cannot be read as UTF-8 text" : " does not exist"));
            }
        }
        if (problems.isEmpty()) {
            return Results.pass("every document is present and not empty", evidence);
        }
        return Results.fail(String.join("; ", problems), evidence);
    }
}
