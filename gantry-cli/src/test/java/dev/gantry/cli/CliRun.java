package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run of the {@code gantry} command line in-process, with what it printed.
 *
 * @param exitCode the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
public record CliRun(int exitCode, String out, String err) {
    /** Runs {@code gantry args...}. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        CliRun run = new CliRun(code, out.toString(), err.toString());
        assertThat(run.out() + run.err()).as("no stack trace reaches a user")
                .doesNotContain("\tat ").doesNotContain("Exception:");
        return run;
    }

    /** The repository's examples directory, found from the working directory. */
    public static Path examples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository's examples/ directory").isNotNull();
        return dir.resolve("examples");
    }

    /** The plan of the example {@code name}. */
    public static String example(String name) {
        return examples().resolve(name).resolve("release.yaml").toString();
    }
}
