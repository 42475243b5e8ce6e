package dev.gantry.impact;

import dev.gantry.config.ConfigDiff;
import dev.gantry.config.ConfigTree;
import dev.gantry.env.ContractDiff;
import dev.gantry.impact.ImpactReport.AudienceImpact;
import dev.gantry.impact.ImpactReport.FollowUp;
import dev.gantry.impact.ImpactReport.Item;
import dev.gantry.impact.ImpactReport.MigrationImpact;
import dev.gantry.impact.ImpactReport.RollbackSafety;
import dev.gantry.impact.ImpactReport.Undeclared;
import dev.gantry.migrate.sql.ChangeClass;
import dev.gantry.migrate.sql.LintReport;
import dev.gantry.migrate.sql.LintSettings;
import dev.gantry.migrate.sql.MigrationFile;
import dev.gantry.migrate.sql.MigrationKind;
import dev.gantry.migrate.sql.MigrationLinter;
import dev.gantry.migrate.sql.MigrationResult;
import dev.gantry.plan.Change;
import dev.gantry.plan.ContractLoad;
import dev.gantry.plan.EnvVar;
import dev.gantry.plan.Migrations;
import dev.gantry.plan.PlanLoader;
import dev.gantry.plan.ReleasePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Works out a release's impact from its plan and its own files: the migrations (classified by
 * the SQL linter), the deployment configuration before and after, the previous version's
 * environment contract (from {@code contracts/} beside the plan), and the integrations the
 * plan declares. Reads files; never writes. Stateless.
 */
public final class ImpactAnalysis {
    private static final Pattern API_VERSION = Pattern.compile("(?i).*api[._-]?version.*");

    private final ReleasePlan plan;
    private final List<String> notes = new ArrayList<>();
    private final List<Undeclared> undeclared = new ArrayList<>();
    private final List<MigrationResult> migrations;
    private final List<ContractDiff.Finding> contractFindings;
    private final Map<String, List<ConfigDiff.Finding>> configFindings = new LinkedHashMap<>();
    private final Map<String, ConfigTree> configsAfter = new LinkedHashMap<>();

    private ImpactAnalysis(ReleasePlan plan) {
        this.plan = plan;
        this.migrations = releaseMigrations();
        this.contractFindings = previousContract().map(previous -> ContractDiff.between(previous, plan.environment()))
                .orElse(List.of());
        for (Change change : plan.shippedChanges()) {
            change.evidence().configDiff().ifPresent(diff -> {
                Optional<ConfigTree> before = config(diff.before());
                Optional<ConfigTree> after = config(diff.after());
                if (before.isPresent() && after.isPresent()) {
                    configFindings.put(change.id(), ConfigDiff.between(before.get(), after.get()));
                    configsAfter.put(diff.after(), after.get());
                }
            });
        }
    }

    /** The impact of {@code plan}. */
    public static ImpactReport of(ReleasePlan plan) {
        return new ImpactAnalysis(plan).report();
    }

    private ImpactReport report() {
        Optional<MigrationResult> pointOfNoReturn = migrations.stream()
                .filter(result -> result.classification() != ChangeClass.EXPAND).findFirst();
        Map<Change.Audience, List<Item>> byAudience = new EnumMap<>(Change.Audience.class);
        for (Change change : plan.shippedChanges()) {
            Item item = item(change, pointOfNoReturn);
            List<Change.Audience> audiences = change.audiences().isEmpty() ? List.of(Change.Audience.INTERNAL)
                    : change.audiences();
            for (Change.Audience audience : audiences) {
                byAudience.computeIfAbsent(audience, a -> new ArrayList<>()).add(forAudience(item, change, audience));
            }
            if (change.breaking() && change.audiences().contains(Change.Audience.CUSTOMERS)
                    && !change.audiences().contains(Change.Audience.SUPPORT)) {
                byAudience.computeIfAbsent(Change.Audience.SUPPORT, a -> new ArrayList<>()).add(new Item(change.id(),
                        change.title(), false, change.risk(), List.of("Prepare an answer for customers: "
                                + change.migration().orElse(change.title())), item.rollback(), item.rollbackDetail()));
            }
        }
        List<AudienceImpact> audiences = new ArrayList<>();
        byAudience.forEach((audience, items) -> audiences.add(new AudienceImpact(audience,
                items.stream().sorted(RISKIEST_FIRST).toList())));
        scopeCheck();
        return new ImpactReport(plan.release().product(), plan.release().version(), plan.release().previous(), audiences,
                migrations.stream().map(this::migrationImpact).toList(),
                pointOfNoReturn.map(this::pointOfNoReturn), undeclared,
                plan.changes().stream().filter(Change::deferred).map(change -> new FollowUp(change.id(), change.title(),
                        change.description().orElse("moved out of this release"))).toList(),
                notes);
    }

    static final Comparator<Item> RISKIEST_FIRST = Comparator.<Item, Integer>comparing(item -> -item.risk().ordinal())
            .thenComparing(item -> !item.breaking());

    private Item item(Change change, Optional<MigrationResult> pointOfNoReturn) {
        List<String> actions = new ArrayList<>();
        change.migration().ifPresent(actions::add);
        change.integration().ifPresent(integration -> actions.add("Move from " + integration.name() + " API version "
                + integration.from() + " to " + integration.to() + integration.deadline()
                        .map(deadline -> " (the old version stops working on " + deadline + ")").orElse("")));
        for (String variable : change.evidence().env()) {
            contractFindings.stream().filter(finding -> finding.variable().equals(variable))
                    .filter(finding -> finding.impact() != ContractDiff.Impact.COMPATIBLE)
                    .forEach(finding -> actions.add(finding.message()));
        }
        configFindings.getOrDefault(change.id(), List.of()).stream()
                .filter(finding -> finding.classification() == ConfigDiff.Class.BREAKING)
                .forEach(finding -> actions.add(finding.message()));
        return new Item(change.id(), change.title(), change.breaking(), change.risk(), dedupe(actions),
                rollbackSafety(change, pointOfNoReturn), rollbackDetail(change, pointOfNoReturn));
    }

    /** The item as one audience sees it: operators get configuration and contract actions, others the plan's words. */
    private static Item forAudience(Item item, Change change, Change.Audience audience) {
        if (audience == Change.Audience.OPERATORS || audience == Change.Audience.INTERNAL) {
            return item;
        }
        List<String> actions = new ArrayList<>();
        change.migration().ifPresent(actions::add);
        change.integration().ifPresent(integration -> actions.add("Expect " + integration.name() + " API version "
                + integration.to() + " behaviour (was " + integration.from() + ")"));
        return new Item(item.change(), item.title(), item.breaking(), item.risk(), actions, item.rollback(),
                item.rollbackDetail());
    }

    private RollbackSafety rollbackSafety(Change change, Optional<MigrationResult> pointOfNoReturn) {
        if (citedMigrations(change).anyMatch(result -> result.classification() != ChangeClass.EXPAND)) {
            return RollbackSafety.UNSAFE;
        }
        boolean keepOldSetup = change.evidence().env().stream().anyMatch(variable -> contractFindings.stream()
                .anyMatch(finding -> finding.variable().equals(variable)
                        && finding.impact() == ContractDiff.Impact.BREAKS_ROLLBACK));
        if (keepOldSetup || change.evidence().configDiff().isPresent() && change.breaking()) {
            return RollbackSafety.CONDITIONAL;
        }
        if (change.rollback().isPresent() || !change.breaking()) {
            return RollbackSafety.SAFE;
        }
        return RollbackSafety.UNKNOWN;
    }

    private String rollbackDetail(Change change, Optional<MigrationResult> pointOfNoReturn) {
        Optional<MigrationResult> contract = citedMigrations(change)
                .filter(result -> result.classification() != ChangeClass.EXPAND).findFirst();
        String planned = change.rollback().orElse(change.breaking() ? "the plan gives no rollback for this change" : "");
        if (contract.isPresent()) {
            MigrationFile file = contract.get().migration();
            return "past " + file.label() + " (" + contract.get().classification().name().toLowerCase(Locale.ROOT) + ": "
                    + contract.get().classificationReason() + ") the previous version cannot run; " + planned;
        }
        return planned;
    }

    private Stream<MigrationResult> citedMigrations(Change change) {
        return migrations.stream().filter(result -> cites(change, result.migration()));
    }

    private static boolean cites(Change change, MigrationFile file) {
        String name = String.valueOf(file.path().getFileName());
        return change.evidence().migrations().stream().anyMatch(cited -> cited.equals(name) || cited.equals(file.label())
                || Path.of(cited).getFileName().toString().equals(name));
    }

    private MigrationImpact migrationImpact(MigrationResult result) {
        return new MigrationImpact(result.migration().label(), String.valueOf(result.migration().path().getFileName()),
                result.classification().name().toLowerCase(Locale.ROOT), result.classificationReason(),
                reversibility(result.reversibility()), (int) result.findings().stream().filter(f -> f.blocking()).count(),
                plan.shippedChanges().stream().filter(change -> cites(change, result.migration())).map(Change::id).toList());
    }

    private ImpactReport.PointOfNoReturn pointOfNoReturn(MigrationResult result) {
        List<Change> citing = plan.shippedChanges().stream().filter(change -> cites(change, result.migration())).toList();
        String message = new dev.gantry.migrate.sql.PointOfNoReturn(result).message();
        List<String> guidance = new ArrayList<>();
        citing.forEach(change -> change.rollback().ifPresent(guidance::add));
        guidance.add(switch (plan.rollback().database()) {
            case RESTORE_BACKUP -> "The plan's database posture is restore-backup: take the backup before "
                    + result.migration().label() + " runs and restore it to go back.";
            case DOWN_MIGRATIONS -> "The plan's database posture is down-migrations: check an undo file exists for "
                    + result.migration().label() + "; a contract or destructive change rarely has a safe one.";
            case ROLL_FORWARD -> "The plan's database posture is roll-forward: fix forward past "
                    + result.migration().label() + " rather than rolling back.";
            case NONE -> "The plan's rollback says the database needs nothing, but " + result.migration().label()
                    + " cannot be undone by rolling the application back: set rollback.database.";
        });
        return new ImpactReport.PointOfNoReturn(result.migration().label(), message,
                citing.stream().map(Change::id).toList(), guidance);
    }

    private void scopeCheck() {
        for (MigrationResult result : migrations) {
            if (plan.shippedChanges().stream().noneMatch(change -> cites(change, result.migration()))) {
                undeclared.add(new Undeclared("migration", result.migration().label(), result.migration().path()
                        .getFileName() + " is part of the release but no change cites it; add it to a change's "
                        + "evidence.migrations"));
            }
        }
        Set<String> cited = new LinkedHashSet<>();
        plan.shippedChanges().forEach(change -> cited.addAll(change.evidence().env()));
        for (EnvVar variable : plan.environment()) {
            if (variable.since().filter(plan.release().version()::equals).isPresent() && !cited.contains(variable.name())) {
                undeclared.add(new Undeclared("environment", variable.name(), variable.name() + " is new in "
                        + plan.release().version() + " but no change mentions it; add it to a change's evidence.env"));
            }
        }
        configsAfter.forEach((file, tree) -> envNames(tree).stream()
                .filter(name -> plan.variable(name).isEmpty())
                .forEach(name -> undeclared.add(new Undeclared("configuration", name, file + " sets " + name
                        + ", which the environment contract does not declare; add it to 'environment'"))));
        boolean integrationDeclared = plan.shippedChanges().stream().anyMatch(change -> change.integration().isPresent());
        configFindings.values().stream().flatMap(List::stream)
                .filter(finding -> API_VERSION.matcher(finding.path()).matches())
                .filter(finding -> !integrationDeclared)
                .forEach(finding -> undeclared.add(new Undeclared("integration", finding.path(), finding.message()
                        + "; an API version moved without a change declaring the integration")));
        contractFindings.stream().filter(finding -> API_VERSION.matcher(finding.variable()).matches())
                .filter(finding -> finding.kind().equals("default-changed") && !integrationDeclared)
                .forEach(finding -> undeclared.add(new Undeclared("integration", finding.variable(), finding.message()
                        + "; an API version moved without a change declaring the integration")));
    }

    private static Set<String> envNames(ConfigTree tree) {
        Set<String> names = new LinkedHashSet<>();
        Pattern env = Pattern.compile("(?:.*\\.)?env\\[([^\\]]+)].*");
        tree.leaves().keySet().forEach(path -> {
            var matcher = env.matcher(path);
            if (matcher.matches()) {
                names.add(matcher.group(1));
            }
        });
        return names;
    }

    private List<MigrationResult> releaseMigrations() {
        Optional<Migrations> settings = plan.migrations();
        if (settings.isEmpty()) {
            return List.of();
        }
        Path dir = plan.resolve(settings.get().dir());
        try {
            LintReport report = MigrationLinter.lint(List.of(dir),
                    new LintSettings(settings.get().pgVersion(), settings.get().assumeInTransaction()));
            Optional<String> baseline = settings.get().baseline();
            return report.migrations().stream()
                    .filter(result -> result.migration().kind() == MigrationKind.VERSIONED)
                    .filter(result -> baseline.isEmpty()
                            || MigrationFile.compareVersions(result.migration().version(), baseline.get()) > 0)
                    .toList();
        } catch (RuntimeException e) {
            notes.add("the migrations in " + settings.get().dir() + " could not be analysed: " + e.getMessage());
            return List.of();
        }
    }

    private Optional<List<EnvVar>> previousContract() {
        Optional<String> previous = plan.release().previous();
        Path dir = plan.directory().resolve("contracts");
        if (previous.isEmpty() || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            Optional<dev.gantry.upgrade.Version> wanted = dev.gantry.upgrade.Version.parse(previous.get());
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(yaml|yml|json)$")).sorted().toList()) {
                if (PlanLoader.loadContract(file) instanceof ContractLoad.Loaded loaded && loaded.version()
                        .flatMap(dev.gantry.upgrade.Version::parse)
                        .filter(version -> wanted.isPresent() && version.sameAs(wanted.get())).isPresent()) {
                    return Optional.of(loaded.variables());
                }
            }
        } catch (IOException e) {
            notes.add("contracts/ could not be listed: " + e.getClass().getSimpleName());
        }
        notes.add("no contract for the previous version " + previous.get() + " in contracts/; environment changes "
                + "are taken from the plan alone");
        return Optional.empty();
    }

    private Optional<ConfigTree> config(String relative) {
        try {
            return switch (ConfigTree.parse(Files.readString(plan.resolve(relative), StandardCharsets.UTF_8))) {
                case ConfigTree.Result.Read read -> Optional.of(read.tree());
                case ConfigTree.Result.Unreadable unreadable -> {
                    notes.add(relative + ": " + unreadable.reason());
                    yield Optional.empty();
                }
            };
        } catch (IOException | java.io.UncheckedIOException e) {
            notes.add(relative + " could not be read");
            return Optional.empty();
        }
    }

    private static String reversibility(dev.gantry.migrate.sql.Reversibility reversibility) {
        return reversibility instanceof dev.gantry.migrate.sql.Reversibility.Irreversible irreversible
                ? "irreversible (" + irreversible.reason() + ")" : reversibility.label();
    }

    private static List<String> dedupe(List<String> actions) {
        return List.copyOf(new LinkedHashSet<>(actions));
    }
}
