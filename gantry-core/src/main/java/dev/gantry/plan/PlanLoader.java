package dev.gantry.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a release plan file into a {@link ReleasePlan}, or into every problem it has.
 *
 * <p>Never throws for bad input: an unreadable, oversized, hostile or invalid file gives a
 * {@link LoadResult.Invalid} whose problems say where and how to fix. Thread-safe: it keeps no
 * state between loads.
 */
public final class PlanLoader {
    private PlanLoader() {}

    /** Loads the plan at {@code file}; the file's name as given is used in messages. */
    public static LoadResult load(Path file) {
        String source = file.toString();
        try {
            if (Files.isDirectory(file)) {
                return invalid(source, "this is a directory, not a plan file", "give the path of the release.yaml file");
            }
            long size = Files.size(file);
            if (size > YamlTree.MAX_CHARACTERS) {
                return invalid(source, "the file is " + size / 1024 + " KiB, larger than the "
                        + YamlTree.MAX_CHARACTERS / 1024 / 1024 + " MiB a release plan may be",
                        "split generated content (long SQL, templates) into the files the plan references");
            }
            String text;
            try (InputStream in = Files.newInputStream(file)) {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(in.readNBytes(YamlTree.MAX_CHARACTERS + 1)))
                        .toString();
            }
            Path directory = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
            return load(source, text, directory);
        } catch (NoSuchFileException e) {
            return invalid(source, "no such file", "check the path; plans are usually at release.yaml");
        } catch (CharacterCodingException e) {
            return invalid(source, "the file is not UTF-8 text", "save the plan as UTF-8");
        } catch (IOException e) {
            return invalid(source, "the file cannot be read (" + e.getClass().getSimpleName() + ")",
                    "check that it exists and that you may read it");
        }
    }

    /**
     * Loads plan text.
     *
     * @param source the file name to use in messages
     * @param text the plan
     * @param directory where relative paths in the plan resolve
     */
    public static LoadResult load(String source, String text, Path directory) {
        Problems problems = new Problems(source);
        Optional<YamlNode> root = YamlTree.parse(source, text, problems);
        if (root.isEmpty()) {
            return new LoadResult.Invalid(problems.sorted());
        }
        Optional<ReleasePlan> plan = new PlanReader(problems).read(root.get(), directory);
        if (plan.isEmpty() || !problems.isEmpty()) {
            return new LoadResult.Invalid(problems.sorted());
        }
        return new LoadResult.Valid(plan.get());
    }

    /**
     * Loads plan text received without the files it references (the control plane receives only
     * the plan): every rule runs except the ones that referenced files and directories exist,
     * which the CLI checks where the files are. Relative paths resolve against the current
     * directory.
     *
     * @param source the file name to use in messages
     * @param text the plan
     */
    public static LoadResult loadWithoutFiles(String source, String text) {
        Problems problems = new Problems(source);
        Optional<YamlNode> root = YamlTree.parse(source, text, problems);
        if (root.isEmpty()) {
            return new LoadResult.Invalid(problems.sorted());
        }
        Optional<ReleasePlan> plan = new PlanReader(problems, false).read(root.get(), Path.of(""));
        if (plan.isEmpty() || !problems.isEmpty()) {
            return new LoadResult.Invalid(problems.sorted());
        }
        return new LoadResult.Valid(plan.get());
    }

    /**
     * Loads the environment contract in {@code file}: a whole release plan, or a file holding only
     * {@code environment:} (and optionally {@code version:}).
     */
    public static ContractLoad loadContract(Path file) {
        String source = file.toString();
        String text;
        try {
            if (Files.size(file) > YamlTree.MAX_CHARACTERS) {
                return new ContractLoad.Invalid(((LoadResult.Invalid) load(file)).problems());
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            LoadResult result = load(file);
            return new ContractLoad.Invalid(result instanceof LoadResult.Invalid invalid ? invalid.problems()
                    : List.of(new Problem(source, 1, 1, "the file cannot be read", "check that it is UTF-8 text")));
        }
        Problems problems = new Problems(source);
        Optional<YamlNode> root = YamlTree.parse(source, text, problems);
        boolean wholePlan = root.filter(node -> node instanceof YamlNode.YamlMap map && map.entry("release").isPresent())
                .isPresent();
        if (root.isEmpty() || wholePlan) {
            LoadResult result = root.isEmpty() ? new LoadResult.Invalid(problems.sorted()) : load(file);
            return switch (result) {
                case LoadResult.Valid valid -> new ContractLoad.Loaded(valid.plan().environment(),
                        Optional.of(valid.plan().release().version()));
                case LoadResult.Invalid invalid -> new ContractLoad.Invalid(invalid.problems());
            };
        }
        Optional<Fields> fields = Fields.of(root.get(), problems, Fields.ROOT, "version", "environment");
        if (fields.isEmpty()) {
            return new ContractLoad.Invalid(problems.sorted());
        }
        List<EnvVar> variables = new ChangeReader(problems, new References(problems)).environment(fields.get());
        Optional<String> version = fields.get().string("version");
        return problems.isEmpty() ? new ContractLoad.Loaded(variables, version) : new ContractLoad.Invalid(problems.sorted());
    }

    private static LoadResult invalid(String source, String message, String fix) {
        return new LoadResult.Invalid(List.of(new Problem(source, 1, 1, message, fix)));
    }
}
