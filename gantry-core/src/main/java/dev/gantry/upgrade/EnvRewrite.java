package dev.gantry.upgrade;

import dev.gantry.plan.EnvVar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rewrites an env file for the end of an upgrade path: renamed variables set under their new
 * name (the old line kept, with a comment, while a rollback is possible), new variables with a
 * default written out, new required variables without one added empty under a
 * {@code # TODO set before upgrading} comment, and variables no longer read commented out (or,
 * when the old version cannot start without them, kept with a comment saying why).
 *
 * <p>Every line it does not change is kept byte for byte: comments, blank lines, {@code export}
 * prefixes, quoting and line endings. Running it on its own output changes nothing. Stateless
 * and thread-safe.
 */
public final class EnvRewrite {
    /** The comment above a variable that must still be given a value. */
    public static final String TODO = "# TODO set before upgrading";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@,+=%-]*");

    private EnvRewrite() {}

    /**
     * What a rewrite does.
     *
     * @param before the file as it was
     * @param after the file rewritten; equal to {@code before} when nothing needed to change
     * @param changes one sentence per change, never holding a value
     * @param diff the change as a unified diff, every value of a secret or undeclared variable masked
     */
    public record Result(String before, String after, List<String> changes, MaskedDiff diff) {
        public Result {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            changes = List.copyOf(changes);
            Objects.requireNonNull(diff, "diff");
        }

        /** Whether the file changes. */
        public boolean changed() {
            return !before.equals(after);
        }
    }

    /** Rewrites {@code text}, an env file for {@code path.from()}, for {@code path.to()}. */
    public static Result apply(UpgradePath path, String text) {
        EnvFile file = EnvFile.parse(text);
        String newline = file.newline();
        String export = file.exports() ? "export " : "";
        String banner = "# gantry upgrade " + path.from() + " -> " + path.to() + ": ";
        int size = file.lines().size();
        List<List<EnvFile.Line>> before = new ArrayList<>();
        List<List<EnvFile.Line>> after = new ArrayList<>();
        List<Optional<List<EnvFile.Line>>> replaced = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            before.add(new ArrayList<>());
            after.add(new ArrayList<>());
            replaced.add(Optional.empty());
        }
        List<String> changes = new ArrayList<>();
        Set<String> moved = new HashSet<>();
        for (UpgradePath.Rename rename : path.renames()) {
            if (file.effective(rename.newName()).isPresent()) {
                continue;
            }
            Optional<EnvFile.Assignment> source = rename.names().reversed().stream().skip(1)
                    .map(file::effective).flatMap(Optional::stream).findFirst();
            if (source.isEmpty()) {
                continue;
            }
            String old = source.get().key();
            before.get(source.get().first()).add(new EnvFile.Line(banner + old + " is renamed " + rename.newName()
                    + " (" + rename.renamedIn() + "), set below; this line stays while a rollback to " + path.from()
                    + " is possible: delete it once " + path.to() + " is final.", newline));
            after.get(source.get().last()).addAll(file.renamedCopy(source.get(), rename.newName()));
            moved.add(rename.newName());
            changes.add(rename.newName() + ": set from " + old + " (renamed in " + rename.renamedIn() + "); " + old
                    + " stays while a rollback to " + path.from() + " is possible: delete it once " + path.to() + " is final");
        }
        for (UpgradePath.Removal removal : path.removed()) {
            String name = removal.variable().name();
            Optional<EnvFile.Assignment> effective = file.effective(name);
            if (effective.isEmpty()) {
                continue;
            }
            if (removal.rollbackNeedsIt()) {
                int first = effective.get().first();
                boolean annotated = first > 0 && file.lines().get(first - 1).text().startsWith("# gantry upgrade ")
                        && file.lines().get(first - 1).text().contains(" " + name + " ");
                if (!annotated) {
                    before.get(first).add(new EnvFile.Line(banner + name + " is no longer read from " + removal.removedIn()
                            + ", but " + path.from() + " needs it: it stays while a rollback to " + path.from()
                            + " is possible: delete it once " + path.to() + " is final.", newline));
                    changes.add(name + ": kept with a comment (no longer read from " + removal.removedIn() + ", but "
                            + path.from() + " needs it to roll back)");
                }
                continue;
            }
            before.get(effective.get().first()).add(new EnvFile.Line(banner + name + " is no longer read from "
                    + removal.removedIn() + "; commented out (restore it only to roll back to " + path.from() + ").", newline));
            for (EnvFile.Assignment assignment : file.assignments()) {
                if (!assignment.commented() && assignment.key().equals(name)) {
                    for (int i = assignment.first(); i <= assignment.last(); i++) {
                        EnvFile.Line line = file.lines().get(i);
                        replaced.set(i, Optional.of(List.of(new EnvFile.Line("# " + line.text(),
                                line.terminator().isEmpty() ? newline : line.terminator()))));
                    }
                }
            }
            changes.add(name + ": commented out (no longer read from " + removal.removedIn() + ")");
        }
        List<EnvFile.Line> tail = new ArrayList<>();
        for (EnvVar variable : path.target().variables()) {
            String name = variable.name();
            if (file.effective(name).isPresent() || moved.contains(name)) {
                continue;
            }
            Optional<UpgradePath.Addition> addition = path.added().stream()
                    .filter(added -> added.variable().name().equals(name)).findFirst();
            String about = variable.description().map(description -> " (" + description.strip()
                    .replaceAll("\\s+", " ").replaceAll("\\.$", "") + ")").orElse("");
            if (addition.isPresent() && variable.defaultValue().isPresent()) {
                tail.add(new EnvFile.Line("# " + name + ": new in " + addition.get().since()
                        + ", its default written out" + about, newline));
                tail.add(new EnvFile.Line(export + name + "=" + quoted(variable.defaultValue().get()), newline));
                changes.add(name + ": added with its default (new in " + addition.get().since() + ")");
            } else if (variable.required() && variable.defaultValue().isEmpty()) {
                tail.add(new EnvFile.Line("# " + name + ": " + (addition.isPresent() ? "new in " + addition.get().since()
                        + ", required" : "required in " + path.to()) + ", no default" + about, newline));
                tail.add(new EnvFile.Line(TODO, newline));
                tail.add(new EnvFile.Line(export + name + "=", newline));
                changes.add(name + ": added empty under '" + TODO + "': set it before upgrading");
            }
        }
        List<EnvFile.Line> lines = new ArrayList<>();
        List<MaskedDiff.Op> ops = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            EnvFile.Line original = file.lines().get(i);
            boolean last = i == size - 1;
            for (EnvFile.Line line : before.get(i)) {
                ops.add(MaskedDiff.Op.added(lines.size()));
                lines.add(line);
            }
            Optional<List<EnvFile.Line>> replacement = replaced.get(i);
            if (replacement.isEmpty() && last && original.terminator().isEmpty() && (!after.get(i).isEmpty() || !tail.isEmpty())) {
                replacement = Optional.of(List.of(new EnvFile.Line(original.text(), newline)));
            }
            if (replacement.isPresent()) {
                ops.add(MaskedDiff.Op.removed(i));
                for (EnvFile.Line line : replacement.get()) {
                    ops.add(MaskedDiff.Op.added(lines.size()));
                    lines.add(line);
                }
            } else {
                ops.add(MaskedDiff.Op.kept(i, lines.size()));
                lines.add(original);
            }
            for (EnvFile.Line line : after.get(i)) {
                boolean unterminated = line.terminator().isEmpty();
                ops.add(MaskedDiff.Op.added(lines.size()));
                lines.add(unterminated && !tail.isEmpty() ? new EnvFile.Line(line.text(), newline) : line);
            }
        }
        if (!tail.isEmpty()) {
            if (!lines.isEmpty() && !lines.getLast().text().isBlank()) {
                ops.add(MaskedDiff.Op.added(lines.size()));
                lines.add(new EnvFile.Line("", newline));
            }
            ops.add(MaskedDiff.Op.added(lines.size()));
            lines.add(new EnvFile.Line(banner + "variables new since " + path.from(), newline));
            for (EnvFile.Line line : tail) {
                ops.add(MaskedDiff.Op.added(lines.size()));
                lines.add(line);
            }
        }
        StringBuilder rewritten = new StringBuilder(text.length() + 256);
        lines.forEach(line -> rewritten.append(line.text()).append(line.terminator()));
        String result = rewritten.toString();
        MaskedDiff diff = MaskedDiff.of(file, EnvFile.parse(result), ops, visible(path));
        return new Result(text, result, changes, diff);
    }

    /** The variables whose values may be shown: declared, and secret in no contract on the path. */
    static Set<String> visible(UpgradePath path) {
        Set<String> visible = new HashSet<>();
        Set<String> secret = new HashSet<>();
        for (VersionedContract contract : path.contracts()) {
            for (EnvVar variable : contract.variables()) {
                (variable.secret() ? secret : visible).add(variable.name());
            }
        }
        visible.removeAll(secret);
        return visible;
    }

    private static String quoted(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + '"';
    }
}
