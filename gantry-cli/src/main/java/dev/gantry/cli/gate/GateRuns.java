package dev.gantry.cli.gate;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.cli.state.ReleaseState;
import dev.gantry.env.DotEnv;
import dev.gantry.gate.GateEngine;
import dev.gantry.gate.GateListener;
import dev.gantry.gate.GateReport;
import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.ReleasePlan;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the gate the way every CLI command does (gate run, deploy): commands allowed, variables
 * from the process environment overlaid by an env file, Prometheus from
 * {@code GANTRY_PROMETHEUS_URL}, marks and waivers from the state file.
 */
public final class GateRuns {
    /** The environment variable naming the Prometheus that checks without a URL query. */
    public static final String PROMETHEUS_VARIABLE = "GANTRY_PROMETHEUS_URL";

    private GateRuns() {}

    /**
     * The variables {@code ${VAR}} references resolve against.
     *
     * @throws UserFacingException when the env file cannot be read
     */
    public static Function<String, Optional<String>> variables(Optional<Path> envFile) {
        Map<String, String> file = Map.of();
        if (envFile.isPresent()) {
            try {
                DotEnv dotEnv = DotEnv.parse(java.nio.file.Files.readString(envFile.get()));
                if (!dotEnv.problems().isEmpty()) {
                    throw new UserFacingException(ExitCodes.USAGE, "The env file " + envFile.get() + " line "
                            + dotEnv.problems().getFirst().line() + ": " + dotEnv.problems().getFirst().message() + ".");
                }
                file = dotEnv.values();
            } catch (NoSuchFileException e) {
                throw new UserFacingException(ExitCodes.USAGE, "The env file " + envFile.get() + " does not exist.");
            } catch (IOException e) {
                throw new UserFacingException(ExitCodes.ERROR, "The env file " + envFile.get() + " cannot be read.");
            }
        }
        Map<String, String> values = file;
        return name -> Optional.ofNullable(values.get(name)).or(() -> Optional.ofNullable(System.getenv(name)));
    }

    /**
     * Runs the gate.
     *
     * @throws UserFacingException when {@code only} names no category of the plan
     */
    public static GateReport run(ReleasePlan plan, Optional<String> only, Optional<Path> envFile, ReleaseState state,
            Clock clock, GateListener listener) {
        Function<String, Optional<String>> variables = variables(envFile);
        GateEngine.Builder engine = GateEngine.builder().clock(clock).variables(variables).commandsAllowed(true);
        if (variables.apply(PROMETHEUS_VARIABLE).isPresent()) {
            engine.prometheusUrl(new ConfigValue("${" + PROMETHEUS_VARIABLE + "}", false));
        }
        try {
            return engine.build().run(plan, only, state.marks(), state.waivers(), listener);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCodes.USAGE, "--only: " + e.getMessage() + ".");
        }
    }
}
