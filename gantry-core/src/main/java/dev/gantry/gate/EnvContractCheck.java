package dev.gantry.gate;

import dev.gantry.env.DotEnv;
import dev.gantry.env.EnvironmentCheck;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.EnvVar;
import dev.gantry.plan.GateCategory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code env} check: the plan's environment contract holds ({@link EnvironmentCheck}) for
 * the check's env file, or else for the variables the engine was given (the process
 * environment, overlaid by the CLI's {@code --env-file}). Reasons name variables, never secret
 * values.
 */
final class EnvContractCheck implements CheckEvaluator<CheckSpec.Env> {
    private static final int LISTED = 3;

    @Override
    public CheckResult evaluate(CheckSpec.Env spec, GateCategory.Item item, CheckContext context) {
        List<EnvVar> contract = context.plan().environment();
        if (contract.isEmpty()) {
            return Results.error("the plan declares no environment contract to check; add 'environment:'");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        String source;
        boolean fromFile = spec.envFile().isPresent();
        if (fromFile) {
            source = "env file " + spec.envFile().get();
            Path file = context.plan().resolve(spec.envFile().get());
            try {
                DotEnv dotEnv = DotEnv.parse(StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString());
                if (!dotEnv.problems().isEmpty()) {
                    DotEnv.Problem first = dotEnv.problems().getFirst();
                    return Results.fail("the " + source + " has " + dotEnv.problems().size()
                            + " unreadable lines, first at line " + first.line() + ": " + first.message());
                }
                environment.putAll(dotEnv.values());
            } catch (NoSuchFileException e) {
                return Results.fail("the " + source + " does not exist");
            } catch (CharacterCodingException e) {
                return Results.fail("the " + source + " is not UTF-8 text");
            } catch (IOException e) {
                return Results.fail("the " + source + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        } else {
            source = "the environment of this run (process environment and --env-file)";
            for (EnvVar variable : contract) {
                context.variables().apply(variable.name()).ifPresent(value -> environment.put(variable.name(), value));
                variable.renamedFrom().ifPresent(old ->
                        context.variables().apply(old).ifPresent(value -> environment.put(old, value)));
            }
        }
        EnvironmentCheck.Report report = EnvironmentCheck.check(contract, environment, fromFile);
        List<String> evidence = new ArrayList<>();
        evidence.add("source: " + source);
        for (EnvironmentCheck.Verdict verdict : report.verdicts()) {
            evidence.add(verdict.name() + ": " + verdict.status().name().toLowerCase(java.util.Locale.ROOT) + ", "
                    + verdict.reason());
        }
        if (!report.undeclared().isEmpty()) {
            evidence.add("not in the contract: " + String.join(", ", report.undeclared()));
        }
        if (report.satisfied()) {
            return Results.pass("the environment contract holds for " + source + " (" + contract.size()
                    + " variables)", evidence);
        }
        List<EnvironmentCheck.Verdict> failures = report.failures();
        return Results.fail(failures.size() + " of " + contract.size() + " variables break the contract in "
                + source + ": " + String.join("; ", failures.stream().limit(LISTED)
                        .map(v -> v.name() + " " + v.reason()).toList())
                + (failures.size() > LISTED ? "; ..." : ""), evidence);
    }
}
