package dev.gantry.cli.env;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.env.DotEnv;
import dev.gantry.plan.ContractLoad;
import dev.gantry.plan.PlanLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loading contracts and env files for the {@code env} commands, with user-facing failures. */
final class Contracts {
    private Contracts() {}

    static ContractLoad.Loaded load(Path file, PrintWriter err) {
        ContractLoad load = PlanLoader.loadContract(file);
        if (load instanceof ContractLoad.Invalid invalid) {
            invalid.problems().forEach(problem -> err.println(problem.format()));
            throw new UserFacingException(ExitCodes.USAGE, file + " is not a valid plan or contract ("
                    + invalid.problems().size() + (invalid.problems().size() == 1 ? " problem" : " problems") + ").");
        }
        return (ContractLoad.Loaded) load;
    }

    static DotEnv readEnvFile(Path file) {
        try {
            return DotEnv.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserFacingException(ExitCodes.ERROR, "the env file " + file + " does not exist.");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "the env file " + file + " cannot be read as UTF-8 text.");
        }
    }
}
