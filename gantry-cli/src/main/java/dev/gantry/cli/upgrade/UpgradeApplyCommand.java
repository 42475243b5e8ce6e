package dev.gantry.cli.upgrade;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.env.DotEnv;
import dev.gantry.upgrade.EnvRewrite;
import dev.gantry.upgrade.UpgradeCheck;
import dev.gantry.upgrade.UpgradePath;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gantry upgrade apply}: rewrites an env file for the new version, with a backup and a masked diff. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Rewrite an env file for the new version: renamed variables moved (the old line kept for "
                + "rollback), new defaults written out, new required variables added empty under a TODO, variables "
                + "no longer read commented out. Keeps a backup; prints the change with secret values masked; "
                + "running it again changes nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the env file is ready for --to", "1:the plan or env file cannot be read or written",
            "2:a bad version, an invalid contract, no contract for --from or --to, or an env file with unreadable lines",
            "3:rewritten (or nothing to rewrite), but values remain to be set or fixed"})
public final class UpgradeApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    UpgradeOptions options;

    @Option(names = "--dry-run", description = "Print the change without writing anything.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        UpgradePath path = options.path(spec.commandLine().getErr());
        String text = options.envText();
        List<DotEnv.Problem> malformed = DotEnv.parse(text).problems();
        if (!malformed.isEmpty()) {
            throw new UserFacingException(ExitCodes.USAGE, options.envFile + ":" + malformed.getFirst().line() + ": "
                    + malformed.getFirst().message() + " (" + malformed.size() + " unreadable "
                    + (malformed.size() == 1 ? "line" : "lines") + "; fix them before applying, nothing was changed).");
        }
        EnvRewrite.Result result = EnvRewrite.apply(path, text);
        if (!result.changed()) {
            out.println(options.envFile + " is already up to date for " + path.to() + ": nothing to change.");
        } else {
            out.print(result.diff().render(options.envFile.toString(), options.envFile + " (for " + path.to() + ")"));
            out.println();
            result.changes().forEach(change -> out.println("  " + change));
            if (dryRun) {
                out.println("dry run: " + options.envFile + " was not changed.");
            } else {
                write(out, path, result);
            }
        }
        UpgradeCheck.Report report = UpgradeCheck.check(path, DotEnv.parse(result.after()));
        if (report.ready()) {
            out.println(options.envFile + (dryRun && result.changed() ? " would be" : " is") + " ready for " + path.to() + ".");
            return ExitCodes.OK;
        }
        out.println("still to do before upgrading to " + path.to() + ":");
        report.remaining().forEach(action -> out.println("  " + action.message()));
        return ExitCodes.CHECK_FAILED;
    }

    private void write(PrintWriter out, UpgradePath path, EnvRewrite.Result result) {
        Path file = options.envFile;
        try {
            Path target = file.toRealPath();
            Path backup = backup(out, target, "bak-" + path.from());
            Path directory = target.toAbsolutePath().getParent();
            Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
            try {
                PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class);
                if (posix != null) {
                    Files.setPosixFilePermissions(temporary, posix.readAttributes().permissions());
                }
                Files.writeString(temporary, result.after(), StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            out.println("rewrote " + file + " for " + path.to() + " (backup: " + backup + ")");
        } catch (IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "cannot rewrite " + file + " (" + e.getClass().getSimpleName()
                    + "); it is unchanged.");
        }
    }

    /**
     * Copies {@code target} beside itself as {@code NAME.suffix}; an existing backup with other
     * content is never overwritten: the copy takes the next free {@code NAME.suffix.N}.
     */
    private static Path backup(PrintWriter out, Path target, String suffix) throws IOException {
        Path first = target.resolveSibling(target.getFileName() + "." + suffix);
        for (int n = 1; n < 1000; n++) {
            Path candidate = n == 1 ? first : target.resolveSibling(first.getFileName() + "." + n);
            if (Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isRegularFile(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.mismatch(candidate, target) == -1) {
                    out.println("backup " + candidate + " already holds this content; kept as it is");
                    return candidate;
                }
                continue;
            }
            try {
                Files.copy(target, candidate, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            if (n > 1) {
                out.println(first + " exists with other content; it is kept, and this backup is " + candidate);
            }
            return candidate;
        }
        throw new IOException("no free backup name beside " + target);
    }
}
