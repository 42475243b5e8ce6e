package dev.gantry.docs;

import dev.gantry.plan.Change;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit whose message follows Conventional Commits 1.0
 * ({@code type(scope)!: description}, a {@code BREAKING CHANGE:} footer), as release notes use it.
 *
 * @param hash the commit's abbreviated hash
 * @param type the type as written, in lower case (feat, fix, perf, ...)
 * @param scope the scope, or empty
 * @param description the description line
 * @param breaking whether the commit is marked breaking ({@code !} or the footer)
 * @param breakingNote the {@code BREAKING CHANGE:} footer's text, or empty
 */
public record ConventionalCommit(String hash, String type, String scope, String description, boolean breaking,
        String breakingNote) {
    private static final Pattern HEADER = Pattern.compile("([A-Za-z]+)(?:\\(([^)]*)\\))?(!)?:\\s+(.+)");
    private static final Pattern FOOTER = Pattern.compile("(?m)^BREAKING[ -]CHANGE:\\s*(.+(?:\\n(?!\\S+(?::| #)).+)*)");

    public ConventionalCommit {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(breakingNote, "breakingNote");
    }

    /** The commit {@code message} describes, or empty when its first line is not a conventional header. */
    public static Optional<ConventionalCommit> parse(String hash, String message) {
        String normalized = message.replace("\r\n", "\n").strip();
        int newline = normalized.indexOf('\n');
        String header = newline < 0 ? normalized : normalized.substring(0, newline);
        Matcher matcher = HEADER.matcher(header.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Matcher footer = FOOTER.matcher(newline < 0 ? "" : normalized.substring(newline + 1));
        String note = footer.find() ? footer.group(1).replace('\n', ' ').strip() : "";
        return Optional.of(new ConventionalCommit(hash, matcher.group(1).toLowerCase(Locale.ROOT),
                matcher.group(2) == null ? "" : matcher.group(2).strip(), matcher.group(4).strip(),
                matcher.group(3) != null || !note.isEmpty(), note));
    }

    /**
     * The Keep a Changelog section the commit belongs to: feat is Added; fix is Fixed (Security
     * when its scope is security); perf, refactor and revert are Changed; deprecate is Deprecated;
     * remove is Removed. Empty for types that are not release notes (docs, chore, test, ci, build,
     * style): unless the commit is breaking, then Changed.
     */
    public Optional<Change.Type> section() {
        Optional<Change.Type> section = switch (type) {
            case "feat", "feature", "add" -> Optional.of(Change.Type.ADDED);
            case "fix" -> Optional.of(scope.equalsIgnoreCase("security") ? Change.Type.SECURITY : Change.Type.FIXED);
            case "security", "sec" -> Optional.of(Change.Type.SECURITY);
            case "perf", "refactor", "revert", "change" -> Optional.of(Change.Type.CHANGED);
            case "deprecate", "deprecated" -> Optional.of(Change.Type.DEPRECATED);
            case "remove", "removed" -> Optional.of(Change.Type.REMOVED);
            default -> Optional.empty();
        };
        return section.isEmpty() && breaking ? Optional.of(Change.Type.CHANGED) : section;
    }
}
