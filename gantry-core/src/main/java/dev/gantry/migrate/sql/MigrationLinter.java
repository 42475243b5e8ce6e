package dev.gantry.migrate.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Lints PostgreSQL migrations: Flyway-layout directories ({@code V<ver>__x.sql},
 * {@code U<ver>__x.sql}, {@code R__x.sql}, searched recursively) and single files, any number
 * in one run. Returns findings, a classification and reversibility per migration, and the
 * release's point of no return.
 *
 * <p>Linting never throws for any SQL text: what it cannot understand becomes an
 * {@code unparsable-statement} finding. It throws {@link MigrationLintException} only for
 * paths it cannot read. Stateless and thread-safe.
 */
public final class MigrationLinter {
    private MigrationLinter() {}

    /**
     * Lints the given files and directories.
     *
     * @throws MigrationLintException when a path does not exist, cannot be read, or a
     *     directory holds no .sql file, or no path is given
     */
    public static LintReport lint(List<Path> paths, LintSettings settings) {
        if (paths.isEmpty()) {
            throw new MigrationLintException("No migration file or directory was given; name at least one.");
        }
        Set<Path> files = new LinkedHashSet<>();
        Set<Path> seen = new java.util.HashSet<>();
        for (Path path : paths) {
            for (Path file : collect(path)) {
                if (seen.add(file.toAbsolutePath().normalize())) {
                    files.add(file);
                }
            }
        }
        List<Source> sources = new ArrayList<>();
        for (Path file : files) {
            sources.add(new Source(MigrationFile.of(file), read(file), executeInTransaction(file)));
        }
        return lintSources(sources, settings);
    }

    /** Lints SQL text as if it were a file with the given name (used for tests and editors). */
    public static LintReport lintSql(String fileName, String sql, LintSettings settings) {
        return lintSources(List.of(new Source(MigrationFile.of(Path.of(fileName)), sql, Transaction.DEFAULT)), settings);
    }

    private enum Transaction { DEFAULT, YES, NO }

    private record Source(MigrationFile migration, String sql, Transaction transaction) {}

    private record Parsed(MigrationFile migration, Transaction transaction, SqlLexer.Result lexed,
            List<Statement> statements, Suppressions suppressions) {}

    private static Parsed parse(Source source) {
        SqlLexer.Result lexed = SqlLexer.lex(source.sql());
        List<Statement> statements = StatementSplitter.split(lexed.tokens(), lexed.comments());
        return new Parsed(source.migration(), source.transaction(), lexed, statements, Suppressions.read(statements, lexed.comments()));
    }

    private static LintReport lintSources(List<Source> unordered, LintSettings settings) {
        List<Source> sources = new ArrayList<>(unordered);
        Comparator<MigrationFile> order = MigrationFile.flywayOrder();
        sources.sort((a, b) -> order.compare(a.migration(), b.migration()));
        Map<String, Path> undoByVersion = new TreeMap<>();
        for (Source source : sources) {
            if (source.migration().kind() == MigrationKind.UNDO) {
                undoByVersion.putIfAbsent(normalizedVersion(source.migration().version()), source.migration().path());
            }
        }
        // Lexing and splitting are independent per file; analysis is sequential because later
        // files see what earlier ones established (RunState).
        List<Parsed> parsed = sources.size() > 1 ? sources.parallelStream().map(MigrationLinter::parse).toList()
                : sources.stream().map(MigrationLinter::parse).toList();
        RunState run = new RunState();
        List<MigrationResult> results = new ArrayList<>();
        Map<String, MigrationFile> seenVersions = new TreeMap<>();
        for (Parsed source : parsed) {
            MigrationFile migration = source.migration();
            List<Finding> extra = new ArrayList<>();
            if (migration.kind() == MigrationKind.VERSIONED || migration.kind() == MigrationKind.UNDO) {
                String key = migration.kind() + ":" + normalizedVersion(migration.version());
                MigrationFile earlier = seenVersions.putIfAbsent(key, migration);
                if (earlier != null) {
                    extra.add(new Finding(Rules.DUPLICATE_VERSION, migration.path(), 1, 1,
                            migration.label() + " has the same version as " + earlier.path() + "; Flyway refuses to migrate"));
                }
            }
            Path undo = migration.kind() == MigrationKind.VERSIONED ? undoByVersion.get(normalizedVersion(migration.version())) : null;
            results.add(lintOne(source, settings, run, undo, extra));
        }
        return new LintReport(settings, results);
    }

    private static MigrationResult lintOne(Parsed source, LintSettings settings, RunState run, Path undo, List<Finding> extra) {
        Path path = source.migration().path();
        SqlLexer.Result lexed = source.lexed();
        List<Statement> statements = source.statements();
        Suppressions suppressions = source.suppressions();
        boolean inTransaction = switch (source.transaction()) {
            case YES -> true;
            case NO -> false;
            case DEFAULT -> settings.assumeInTransaction() && !suppressions.noTransaction();
        };
        FileAnalyzer analyzer = new FileAnalyzer(settings, run, inTransaction);
        analyzer.analyze(statements);
        List<FileAnalyzer.Raw> raw = new ArrayList<>(analyzer.findings());
        for (LexProblem problem : lexed.problems()) {
            raw.add(new FileAnalyzer.Raw(Rules.UNPARSABLE, problem.line(), problem.column(),
                    "Gantry could not read the file from line " + problem.line() + ": " + problem.message(), Math.max(0, statements.size() - 1)));
        }
        raw.addAll(suppressions.problems());
        List<Finding> findings = new ArrayList<>(extra);
        for (FileAnalyzer.Raw finding : raw) {
            if (!suppressions.suppressed(finding)) {
                findings.add(new Finding(finding.rule(), path, finding.line(), finding.column(), finding.message()));
            }
        }
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::ruleId));

        ChangeClass classification = ChangeClass.EXPAND;
        String reason = "only adds to the schema; the previous version keeps working";
        int reasonLine = 1;
        for (Effect effect : analyzer.effects()) {
            if (effect.change().ordinal() > classification.ordinal()) {
                classification = effect.change();
                reason = effect.what();
                reasonLine = effect.line();
            }
        }
        Reversibility reversibility;
        if (undo != null) {
            reversibility = new Reversibility.UndoFile(undo);
        } else {
            Effect irreversible = analyzer.effects().stream().filter(e -> !e.irreversible().isEmpty()).findFirst().orElse(null);
            if (irreversible != null) {
                reversibility = new Reversibility.Irreversible(irreversible.irreversible(), irreversible.line());
            } else {
                List<String> inverse = new ArrayList<>();
                for (Effect effect : analyzer.effects()) {
                    if (!effect.inverse().isEmpty()) {
                        inverse.add(0, effect.inverse());
                    }
                }
                reversibility = new Reversibility.Derivable(inverse);
            }
        }
        return new MigrationResult(source.migration(), classification, reason, reasonLine, reversibility, findings);
    }

    private static String normalizedVersion(String version) {
        StringBuilder b = new StringBuilder();
        for (String part : version.split("\\.")) {
            String trimmed = part.replaceFirst("^0+(?=\\d)", "");
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(trimmed);
        }
        return b.toString().replaceFirst("(\\.0)+$", "");
    }

    private static List<Path> collect(Path path) {
        if (!Files.exists(path)) {
            throw new MigrationLintException("Migration path " + path + " does not exist.");
        }
        if (!Files.isDirectory(path)) {
            if (!Files.isReadable(path)) {
                throw new MigrationLintException("Migration file " + path + " cannot be read.");
            }
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new MigrationLintException("Directory " + path + " holds no .sql migration file.");
            }
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw new MigrationLintException("Directory " + path + " cannot be read: " + e.getMessage() + ".", e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationLintException("Migration file " + file + " cannot be read: " + e.getMessage() + ".", e);
        }
    }

    /** Flyway's per-script configuration: {@code V1__x.sql.conf} with {@code executeInTransaction=}. */
    private static Transaction executeInTransaction(Path file) {
        Path conf = file.resolveSibling(file.getFileName() + ".conf");
        if (!Files.isRegularFile(conf)) {
            return Transaction.DEFAULT;
        }
        try {
            for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("executeInTransaction")) {
                    String value = trimmed.substring(trimmed.indexOf('=') + 1).trim();
                    return Boolean.parseBoolean(value) ? Transaction.YES : Transaction.NO;
                }
            }
        } catch (IOException e) {
            throw new MigrationLintException("Flyway script configuration " + conf + " cannot be read: " + e.getMessage() + ".", e);
        }
        return Transaction.DEFAULT;
    }
}
