package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A shell command's exit code. Runs only where commands are allowed (the CLI); elsewhere it is
 * SKIPPED, which a required item cannot pass with. The command runs with {@code sh -c} in the
 * plan's directory (or its {@code workdir}); the last lines of its output are the evidence.
 */
final class CommandCheck implements CheckEvaluator<CheckSpec.Command> {
    private static final int TAIL = 5;

    @Override
    public CheckResult evaluate(CheckSpec.Command spec, GateCategory.Item item, CheckContext context)
            throws InterruptedException {
        if (!context.commandsAllowed()) {
            return new CheckResult.Skipped("command checks run only in the CLI, never on the server", List.of());
        }
        Path workdir = spec.workdir().map(context.plan()::resolve).orElse(context.plan().directory());
        if (!Files.isDirectory(workdir)) {
            return Results.fail("the working directory " + spec.workdir().orElse(".") + " does not exist");
        }
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", spec.run()).directory(workdir.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return Results.error("the command could not be started: no 'sh' on this machine");
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = process.getInputStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(line -> {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL) {
                            tail.removeFirst();
                        }
                    }
                });
            } catch (IOException e) {
                // the process ended; what was read is what there is
            }
        });
        try {
            if (!process.waitFor(context.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                return Results.fail("the command did not finish within its timeout and was stopped",
                        List.of("run: " + spec.run()));
            }
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
        reader.join(1000);
        List<String> evidence = new ArrayList<>();
        evidence.add("run: " + spec.run());
        evidence.add("exit code: " + process.exitValue());
        synchronized (tail) {
            tail.forEach(line -> evidence.add("| " + HttpCheck.abbreviate(line)));
        }
        if (process.exitValue() == spec.expectExit()) {
            return Results.pass("the command exited with " + process.exitValue() + " as expected", evidence);
        }
        return Results.fail("the command exited with " + process.exitValue() + ", expected " + spec.expectExit(),
                evidence);
    }

    static void stop(Process process) {
        // The shell goes first: killing its child first lets it run the rest of its script (a
        // loaded machine showed `sleep 3; touch finished` touching after the sleep was killed).
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
