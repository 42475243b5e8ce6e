package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gantry rollout watch FILE}: follows the rollout's status stream until it completes (exit
 * 0) or is rolled back (exit 3). On a terminal the progress bars update in place; otherwise each
 * change is printed as plain lines.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Follow the rollout live until it completes (exit 0) or is rolled back (exit 3).",
            "Updates in place on a terminal, plain lines otherwise."})
public final class RolloutWatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RolloutTarget target = new RolloutTarget();

    @Option(names = "--plain", description = "Print plain lines even on a terminal.")
    boolean plain;

    @Override
    public Integer call() {
        String path = target.releasePath(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        boolean inPlace = !plain && terminal();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        AtomicReference<List<String>> shown = new AtomicReference<>(List.of());
        target.client().stream(path + "/rollout/stream", status -> {
            last.set(status);
            List<String> lines = RolloutView.lines(status);
            if (inPlace) {
                if (!shown.get().isEmpty()) {
                    out.print("\u001b[" + shown.get().size() + "F");
                }
                lines.forEach(line -> out.print(line + "\u001b[K\n"));
                out.flush();
            } else if (!lines.getFirst().equals(shown.get().isEmpty() ? "" : shown.get().getFirst())
                    || !sameGuards(lines, shown.get())) {
                lines.forEach(out::println);
                out.flush();
            }
            shown.set(lines);
            return !RolloutView.finished(status);
        });
        JsonNode end = last.get();
        if (end == null || !RolloutView.finished(end)) {
            spec.commandLine().getErr().println("gantry: the server ended the status stream before the rollout finished;"
                    + " run 'gantry rollout watch' again.");
            return ExitCodes.ERROR;
        }
        return end.path("state").asText().equals("completed") ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** Plain output prints a status again only when its headline or a guard's status changed, not every countdown tick. */
    private static boolean sameGuards(List<String> now, List<String> before) {
        List<String> a = now.stream().filter(l -> l.startsWith("  guard ")).map(l -> l.replaceAll(": [-0-9.e]+ \\(", ": (")).toList();
        List<String> b = before.stream().filter(l -> l.startsWith("  guard ")).map(l -> l.replaceAll(": [-0-9.e]+ \\(", ": (")).toList();
        return a.equals(b);
    }

    /** Whether standard output is a terminal (Console.isTerminal on JDK 22+, where a console also exists when redirected). */
    private static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
