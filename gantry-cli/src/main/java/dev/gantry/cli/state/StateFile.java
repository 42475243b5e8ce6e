package dev.gantry.cli.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.json.GantryJson;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Reads and writes the {@link ReleaseState} file: {@code .gantry/state.json} in the plan's
 * directory unless {@code --state} names another. Writes go to a temporary file first and are
 * moved into place, so a crash never leaves half a file.
 */
public final class StateFile {
    /** Where the state lives, relative to the plan's directory. */
    public static final String DEFAULT = ".gantry/state.json";

    private StateFile() {}

    /** The state file for the plan at {@code plan}, or {@code override} when given. */
    public static Path locate(Path plan, Optional<Path> override) {
        return override.orElseGet(() -> {
            Path directory = plan.toAbsolutePath().getParent();
            return (directory == null ? Path.of(".") : directory).resolve(DEFAULT);
        });
    }

    /**
     * The state in {@code file}; {@link ReleaseState#EMPTY} when there is none yet.
     *
     * @throws UserFacingException when the file exists but cannot be read or is not a state file
     */
    public static ReleaseState read(Path file) {
        try {
            ReleaseState state = GantryJson.mapper().readValue(Files.readString(file), ReleaseState.class);
            if (state.version() != ReleaseState.VERSION) {
                throw new UserFacingException(ExitCodes.USAGE, "The state file " + file + " has format version "
                        + state.version() + ", but this Gantry reads version " + ReleaseState.VERSION + ".");
            }
            return state;
        } catch (NoSuchFileException e) {
            return ReleaseState.EMPTY;
        } catch (JsonProcessingException e) {
            throw new UserFacingException(ExitCodes.USAGE, "The state file " + file + " is not valid (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + "); fix or remove the broken entry, every other record in it still counts once it parses.");
        } catch (IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "The state file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    /** Writes {@code state} to {@code file}, creating its directory. */
    public static void write(Path file, ReleaseState state) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".state", ".json");
            Files.writeString(temporary, GantryJson.write(state) + "\n");
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "The state file " + file + " cannot be written ("
                    + e.getClass().getSimpleName() + ").");
        }
    }
}
