package dev.gantry.migrate.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads suppression and transaction directives from comments.
 *
 * <ul>
 *   <li>{@code -- gantry:allow <rule>[, <rule>] because <reason>}: the next statement;
 *   <li>{@code -- gantry:allow-file <rule>[, <rule>] because <reason>}: the whole file;
 *   <li>{@code -- gantry:no-transaction}, {@code -- squawk-disable-assume-in-transaction},
 *       {@code -- atlas:txmode none}: the runner does not wrap this file in a transaction;
 *   <li>{@code -- squawk-ignore <rule>}, {@code -- squawk-ignore-file <rule>} and
 *       {@code -- atlas:nolint [analyzer|code ...]}: honoured, and reported as
 *       {@code foreign-suppression} because they carry no reason.
 * </ul>
 * Rule names may be Gantry ids, squawk ids or Atlas codes.
 */
final class Suppressions {
    private static final Pattern ALLOW = Pattern.compile("^gantry:allow(-file)?\\b(.*)$", Pattern.DOTALL);
    private static final Pattern BECAUSE = Pattern.compile("\\bbecause\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQUAWK = Pattern.compile("^squawk-ignore(-file)?\\b(.*)$", Pattern.DOTALL);
    private static final Pattern ATLAS = Pattern.compile("^atlas:nolint\\b(.*)$", Pattern.DOTALL);
    private static final Pattern ATLAS_NO_TRANSACTION = Pattern.compile("atlas:txmode\\s+none\\b.*", Pattern.DOTALL);
    private static final Map<String, String> ATLAS_ANALYZERS = Map.of(
            "destructive", "DS", "data_depend", "MF", "incompatible", "BC", "concurrent_index", "PG1",
            "naming", "NM", "condrop", "CD", "blocking", "PG3");

    /** Which rules are suppressed where. A statement index of -1 means the whole file. */
    private final Map<Integer, Set<String>> byStatement = new HashMap<>();
    private final Set<String> fileWide = new HashSet<>();
    private final Set<Integer> allForStatement = new HashSet<>();
    private boolean allForFile;
    private boolean noTransaction;
    private final List<FileAnalyzer.Raw> problems = new ArrayList<>();

    static Suppressions read(List<Statement> statements, List<Comment> allComments) {
        Suppressions s = new Suppressions();
        Set<Comment> leading = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < statements.size(); i++) {
            for (Comment comment : statements.get(i).leadingComments()) {
                leading.add(comment);
                s.directive(comment, i);
            }
        }
        for (Comment comment : allComments) {
            if (!leading.contains(comment)) {
                s.directive(comment, -2); // trailing or inside a statement: only file-level forms apply
            }
        }
        return s;
    }

    private void directive(Comment comment, int statement) {
        String text = comment.text();
        if (!text.startsWith("gantry:") && !text.startsWith("squawk-") && !text.startsWith("atlas:")) {
            return; // an ordinary comment
        }
        int reported = Math.max(statement, 0);
        if (text.startsWith("gantry:no-transaction") || text.startsWith("squawk-disable-assume-in-transaction")
                || ATLAS_NO_TRANSACTION.matcher(text).matches()) {
            noTransaction = true;
            return;
        }
        Matcher allow = ALLOW.matcher(text);
        if (allow.matches()) {
            boolean file = allow.group(1) != null;
            String body = allow.group(2).trim();
            Matcher because = BECAUSE.matcher(body);
            String names = because.find() ? body.substring(0, because.start()) : body;
            String reason = because.find(0) ? body.substring(because.end()).trim() : "";
            List<String> ids = splitNames(names);
            if (ids.isEmpty()) {
                problem(comment, reported, "gantry:allow names no rule");
                return;
            }
            if (reason.isEmpty()) {
                problem(comment, reported, "the suppression of " + String.join(", ", ids) + " gives no reason, so it suppresses nothing");
                return;
            }
            for (String id : ids) {
                List<Rule> rules = Rules.resolve(id);
                if (rules.isEmpty()) {
                    problem(comment, reported, "gantry:allow names unknown rule '" + id + "'");
                    continue;
                }
                for (Rule rule : rules) {
                    suppress(rule.id(), file ? -1 : statement);
                }
            }
            return;
        }
        Matcher squawk = SQUAWK.matcher(text);
        if (squawk.matches()) {
            boolean file = squawk.group(1) != null;
            List<String> ids = splitNames(squawk.group(2));
            foreign(comment, reported, "squawk-ignore" + (file ? "-file" : ""), ids);
            if (ids.isEmpty()) {
                suppressAll(file ? -1 : statement);
            }
            for (String id : ids) {
                for (Rule rule : Rules.resolve(id)) {
                    suppress(rule.id(), file ? -1 : statement);
                }
            }
            return;
        }
        Matcher atlas = ATLAS.matcher(text);
        if (atlas.matches()) {
            List<String> names = splitNames(atlas.group(1));
            foreign(comment, reported, "atlas:nolint", names);
            if (names.isEmpty()) {
                suppressAll(statement);
            }
            for (String name : names) {
                String prefix = ATLAS_ANALYZERS.get(name.toLowerCase(Locale.ROOT));
                for (Rule rule : Rules.all()) {
                    boolean matches = rule.equivalents().atlas().stream().anyMatch(code ->
                            prefix != null ? code.startsWith(prefix) || (prefix.equals("MF") && code.startsWith("MY")) : code.equalsIgnoreCase(name));
                    if (matches) {
                        suppress(rule.id(), statement);
                    }
                }
            }
        }
    }

    private static List<String> splitNames(String names) {
        List<String> ids = new ArrayList<>();
        for (String part : names.trim().split("[,\\s]+")) {
            if (!part.isBlank()) {
                ids.add(part.trim());
            }
        }
        return ids;
    }

    private void suppress(String ruleId, int statement) {
        if (statement == -1) {
            fileWide.add(ruleId);
        } else if (statement >= 0) {
            byStatement.computeIfAbsent(statement, k -> new HashSet<>()).add(ruleId);
        }
    }

    private void suppressAll(int statement) {
        if (statement == -1) {
            allForFile = true;
        } else if (statement >= 0) {
            allForStatement.add(statement);
        }
    }

    private void problem(Comment comment, int statement, String message) {
        problems.add(new FileAnalyzer.Raw(Rules.INVALID_SUPPRESSION, comment.line(), comment.column(), message, statement));
    }

    private void foreign(Comment comment, int statement, String directive, List<String> names) {
        String suggestion = names.isEmpty() ? "<rule-id>" : String.join(", ", names);
        problems.add(new FileAnalyzer.Raw(Rules.FOREIGN_SUPPRESSION, comment.line(), comment.column(),
                directive + " is honoured but gives no reason (suggested: -- gantry:allow " + suggestion + " because <reason>)", statement));
    }

    boolean noTransaction() {
        return noTransaction;
    }

    /** Findings about the directives themselves; these are never suppressed. */
    List<FileAnalyzer.Raw> problems() {
        return problems;
    }

    boolean suppressed(FileAnalyzer.Raw finding) {
        if (finding.rule() == Rules.INVALID_SUPPRESSION || finding.rule() == Rules.FOREIGN_SUPPRESSION) {
            return false;
        }
        if (allForFile || fileWide.contains(finding.rule().id()) || allForStatement.contains(finding.statement())) {
            return true;
        }
        Set<String> rules = byStatement.get(finding.statement());
        return rules != null && rules.contains(finding.rule().id());
    }
}
