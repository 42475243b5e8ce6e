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

    private static LoadResult invalid(String source, String message, String fix) {
        return new LoadResult.Invalid(List.of(new Problem(source, 1, 1, message, fix)));
    }
}
