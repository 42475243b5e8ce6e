package dev.gantry.cli.upgrade;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.upgrade.ContractHistory;
import dev.gantry.upgrade.UpgradePath;
import dev.gantry.upgrade.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options both {@code upgrade} commands take, and turning them into a path and an env file. */
final class UpgradeOptions {
    @Option(names = "--from", required = true, paramLabel = "VER", description = "The version the environment is for now.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "VER", description = "The version to upgrade to.")
    String to;

    @Option(names = "--env-file", required = true, paramLabel = "PATH", description = "The .env file to check or rewrite.")
    Path envFile;

    @Option(names = "--plan", paramLabel = "FILE", defaultValue = "release.yaml",
            description = "The release plan; earlier versions' contracts are in contracts/ beside it (default: ${DEFAULT-VALUE}).")
    Path plan;

    /** The upgrade path, or a user-facing failure: 1 for a missing plan, 2 for anything invalid. */
    UpgradePath path(PrintWriter err) {
        Version fromVersion = version(from, "--from");
        Version toVersion = version(to, "--to");
        if (!Files.exists(plan)) {
            throw new UserFacingException(ExitCodes.ERROR, "the plan " + plan
                    + " does not exist; run from the release's directory or pass --plan FILE.");
        }
        ContractHistory history = switch (ContractHistory.load(plan)) {
            case ContractHistory.Load.Loaded loaded -> loaded.history();
            case ContractHistory.Load.Invalid invalid -> {
                invalid.problems().forEach(problem -> err.println(problem.format()));
                throw new UserFacingException(ExitCodes.USAGE, "the contract history of " + plan + " has "
                        + (invalid.problems().size() == 1 ? "1 problem" : invalid.problems().size() + " problems")
                        + "; fix them and run the command again.");
            }
        };
        return switch (UpgradePath.find(history, fromVersion, toVersion)) {
            case UpgradePath.Lookup.Found found -> found.path();
            case UpgradePath.Lookup.NotFound notFound -> throw new UserFacingException(ExitCodes.USAGE, notFound.reason());
        };
    }

    /** The env file's text, exactly as stored. */
    String envText() {
        try {
            return Files.readString(envFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserFacingException(ExitCodes.ERROR, "the env file " + envFile + " does not exist.");
        } catch (CharacterCodingException e) {
            throw new UserFacingException(ExitCodes.ERROR, "the env file " + envFile + " is not UTF-8 text.");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "the env file " + envFile + " cannot be read ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    private static Version version(String text, String option) {
        return Version.parse(text).orElseThrow(() -> new UserFacingException(ExitCodes.USAGE, option + " '" + text
                + "' is not a version such as 1.2.0."));
    }
}
