package dev.gantry.plan;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Checks that span fields or sections, run once the plan is read: phase percentages rise and
 * stay within 100, spans do not end before they start, and the files the plan names exist.
 */
final class PlanRules {
    private final Problems problems;
    private final References references;
    private final boolean checkFiles;

    PlanRules(Problems problems, References references) {
        this(problems, references, true);
    }

    PlanRules(Problems problems, References references, boolean checkFiles) {
        this.problems = problems;
        this.references = references;
        this.checkFiles = checkFiles;
    }

    void check(ReleasePlan plan, Fields top) {
        release(plan, top);
        phases(plan, top);
        timeline(plan, top);
        if (checkFiles) {
            files(plan, top);
        }
        environment(plan, top);
    }

    private void release(ReleasePlan plan, Fields top) {
        Release release = plan.release();
        if (release.previous().filter(release.version()::equals).isPresent()) {
            problems.add(at(top, "release", "previous"), "release.previous is the same as release.version ("
                    + release.version() + ")", "set 'previous' to the version in production now");
        }
    }

    private void phases(ReleasePlan plan, Fields top) {
        if (plan.rollout().isEmpty()) {
            return;
        }
        List<Rollout.Phase> phases = plan.rollout().get().phases();
        double previous = 0;
        for (int i = 0; i < phases.size(); i++) {
            double percent = phases.get(i).percent();
            if (Double.isNaN(percent)) {
                continue;
            }
            Position position = at(top, "rollout", "phases", i, "percent");
            if (percent <= 0 || percent > 100) {
                problems.add(position, "rollout.phases[" + i + "].percent is " + format(percent)
                        + ", outside 0 to 100", "give each phase a share above 0 and at most 100");
            } else if (percent <= previous) {
                problems.add(position, "rollout.phases[" + i + "].percent " + format(percent)
                        + " does not increase on the phase before (" + format(previous) + ")",
                        "order the phases by rising percentage, e.g. 10, 50, 100");
            }
            previous = Math.max(previous, percent);
        }
        String flag = plan.rollout().get().flag();
        List<Rollout.Activation> activation = plan.rollout().get().activation();
        for (int i = 0; i < activation.size(); i++) {
            if (activation.get(i).flag().equals(flag)) {
                problems.add(at(top, "rollout", "activation", i, "flag"), "rollout.activation[" + i
                        + "] activates the rollout flag '" + flag + "' itself",
                        "list the features switched on after the traffic phases, not the rollout flag");
            }
        }
    }

    private void timeline(ReleasePlan plan, Fields top) {
        LocalDate launch = plan.release().target();
        for (int i = 0; i < plan.timeline().size(); i++) {
            TimelineEvent event = plan.timeline().get(i);
            if (event.until().isPresent() && event.until().get().resolve(launch).isBefore(event.day().resolve(launch))) {
                problems.add(at(top, "timeline", i, "until"), "timeline[" + i + "] ends (" + event.until().get().text()
                        + ") before it starts (" + event.day().text() + ")", "make 'until' the same day as 'day' or later");
            }
        }
        Freeze freeze = plan.freeze();
        if (!freeze.start().resolve(launch).isBefore(freeze.end().resolve(launch))) {
            problems.add(at(top, "freeze", "end"), "the code freeze ends (" + freeze.end().text()
                    + ") before or when it starts (" + freeze.start().text() + ")", "make 'end' later than 'start'");
        }
        for (int i = 0; i < plan.oncall().size(); i++) {
            OnCallShift shift = plan.oncall().get(i);
            if (shift.until().resolve(launch).isBefore(shift.from().resolve(launch))) {
                problems.add(at(top, "oncall", i, "until"), "oncall[" + i + "] ends before it starts",
                        "make 'until' the same day as 'from' or later");
            }
        }
    }

    private void files(ReleasePlan plan, Fields top) {
        plan.migrations().ifPresent(migrations -> requireDirectory(plan, migrations.dir(), at(top, "migrations", "dir"),
                "migrations.dir"));
        for (int i = 0; i < plan.changes().size(); i++) {
            Optional<Change.ConfigDiff> diff = plan.changes().get(i).evidence().configDiff();
            if (diff.isPresent()) {
                requireFile(plan, diff.get().before(), at(top, "changes", i, "evidence", "configDiff", "before"),
                        "changes[" + i + "].evidence.configDiff.before");
                requireFile(plan, diff.get().after(), at(top, "changes", i, "evidence", "configDiff", "after"),
                        "changes[" + i + "].evidence.configDiff.after");
            }
        }
        for (int i = 0; i < plan.communications().size(); i++) {
            Optional<String> template = plan.communications().get(i).template();
            if (template.isPresent()) {
                requireFile(plan, template.get(), at(top, "communications", i, "template"),
                        "communications[" + i + "].template");
            }
        }
    }

    private void environment(ReleasePlan plan, Fields top) {
        for (EnvVar variable : plan.environment()) {
            variable.renamedFrom().ifPresent(old -> {
                if (references.isDeclared(References.Kind.VARIABLE, old)) {
                    problems.add(at(top, "environment", variable.name(), "renamedFrom"), "environment."
                            + variable.name() + " is renamed from " + old + ", which the contract still declares",
                            "remove " + old + " from the contract (the rename replaces it), or drop 'renamedFrom'");
                }
            });
        }
    }

    private void requireFile(ReleasePlan plan, String relative, Position position, String path) {
        Optional<Path> file = resolve(plan, relative, position, path);
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            problems.add(position, path + " names '" + relative + "', which does not exist next to the plan",
                    "create the file or correct the path (relative to the plan's directory)");
        }
    }

    private void requireDirectory(ReleasePlan plan, String relative, Position position, String path) {
        Optional<Path> dir = resolve(plan, relative, position, path);
        if (dir.isPresent() && !Files.isDirectory(dir.get())) {
            problems.add(position, path + " names '" + relative + "', which is not a directory next to the plan",
                    "create the directory or correct the path (relative to the plan's directory)");
        }
    }

    private Optional<Path> resolve(ReleasePlan plan, String relative, Position position, String path) {
        if (relative.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(plan.resolve(relative));
        } catch (InvalidPathException e) {
            problems.add(position, path + " '" + relative + "' is not a valid path", "write a relative file path");
            return Optional.empty();
        }
    }

    /** The position of the node at {@code path} (keys and list indexes), or the nearest one found. */
    static Position at(Fields top, Object... path) {
        Optional<YamlNode> node = top.node((String) path[0]);
        Position position = top.position((String) path[0]);
        for (int i = 1; i < path.length && node.isPresent(); i++) {
            Object step = path[i];
            YamlNode current = node.get();
            if (step instanceof String key && current instanceof YamlNode.YamlMap map) {
                node = map.entry(key).map(YamlNode.Entry::value);
            } else if (step instanceof Integer index && current instanceof YamlNode.YamlList list
                    && index < list.items().size()) {
                node = Optional.of(list.items().get(index));
            } else {
                node = Optional.empty();
            }
            if (node.isPresent()) {
                position = node.get().position();
            }
        }
        return position;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
