package dev.gantry.upgrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The change an env file rewrite makes, as a unified diff whose lines never show the value of
 * a secret variable, or of a variable no contract declares (it may be a secret): such a value
 * prints as {@code ********}, on every line it spans, commented out or not. Immutable.
 */
public final class MaskedDiff {
    /** What stands for a hidden value. */
    public static final String MASK = "********";
    private static final int CONTEXT = 3;

    /** One line of the comparison: kept (in both files), removed (only in the old) or added (only in the new). */
    record Op(char kind, int oldIndex, int newIndex) {
        static Op kept(int oldIndex, int newIndex) {
            return new Op(' ', oldIndex, newIndex);
        }

        static Op removed(int oldIndex) {
            return new Op('-', oldIndex, -1);
        }

        static Op added(int newIndex) {
            return new Op('+', -1, newIndex);
        }
    }

    private final List<String> oldLines;
    private final List<String> newLines;
    private final List<Op> ops;

    private MaskedDiff(List<String> oldLines, List<String> newLines, List<Op> ops) {
        this.oldLines = List.copyOf(oldLines);
        this.newLines = List.copyOf(newLines);
        this.ops = List.copyOf(ops);
    }

    static MaskedDiff of(EnvFile before, EnvFile after, List<Op> ops, Set<String> visible) {
        return new MaskedDiff(masked(before, visible), masked(after, visible), grouped(ops));
    }

    /** The ops with each run of changes showing its removed lines before its added ones, as diff tools do. */
    private static List<Op> grouped(List<Op> ops) {
        List<Op> grouped = new ArrayList<>(ops.size());
        List<Op> added = new ArrayList<>();
        for (Op op : ops) {
            if (op.kind() == ' ') {
                grouped.addAll(added);
                added.clear();
                grouped.add(op);
            } else if (op.kind() == '-') {
                grouped.add(op);
            } else {
                added.add(op);
            }
        }
        grouped.addAll(added);
        return grouped;
    }

    /** Whether the files differ. */
    public boolean isEmpty() {
        return ops.stream().allMatch(op -> op.kind() == ' ');
    }

    /**
     * The diff in unified form, {@code --- label} and {@code +++ label} first, three lines of
     * context around each change; empty when nothing changes.
     */
    public String render(String oldLabel, String newLabel) {
        if (isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldLabel).append('\n').append("+++ ").append(newLabel).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int last = i;
            for (int j = i + 1; j < ops.size() && j - last <= 2 * CONTEXT; j++) {
                if (ops.get(j).kind() != ' ') {
                    last = j;
                }
            }
            hunk(out, Math.max(0, i - CONTEXT), Math.min(ops.size(), last + CONTEXT + 1));
            i = last + 1;
        }
        return out.toString();
    }

    private void hunk(StringBuilder out, int from, int to) {
        List<Op> hunk = ops.subList(from, to);
        long oldCount = hunk.stream().filter(op -> op.oldIndex() >= 0).count();
        long newCount = hunk.stream().filter(op -> op.newIndex() >= 0).count();
        out.append("@@ -").append(start(from, true, oldCount)).append(',').append(oldCount)
                .append(" +").append(start(from, false, newCount)).append(',').append(newCount).append(" @@\n");
        for (Op op : hunk) {
            out.append(op.kind()).append(op.kind() == '+' ? newLines.get(op.newIndex()) : oldLines.get(op.oldIndex()))
                    .append('\n');
        }
    }

    /** The hunk's first line number in the old or new file; for an empty range, the line before it. */
    private int start(int from, boolean old, long count) {
        for (int j = count == 0 ? from - 1 : from; j >= 0 && j < ops.size(); j += count == 0 ? -1 : 1) {
            int index = old ? ops.get(j).oldIndex() : ops.get(j).newIndex();
            if (index >= 0) {
                return index + 1;
            }
        }
        return 0;
    }

    private static List<String> masked(EnvFile file, Set<String> visible) {
        List<Optional<EnvFile.Assignment>> owners = file.owners();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < file.lines().size(); i++) {
            String text = file.lines().get(i).text();
            Optional<EnvFile.Assignment> owner = owners.get(i);
            if (owner.isEmpty() || visible.contains(owner.get().key())) {
                lines.add(text);
            } else if (i == owner.get().first()) {
                int start = EnvFile.valueStart(text);
                lines.add(start < 0 ? MASK : file.value(owner.get()).isEmpty() && owner.get().first() == owner.get().last()
                        ? text : text.substring(0, start) + MASK);
            } else {
                lines.add(owner.get().commented() ? "# " + MASK : MASK);
            }
        }
        return lines;
    }
}
