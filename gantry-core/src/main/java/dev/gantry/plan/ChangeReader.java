package dev.gantry.plan;

import dev.gantry.plan.Fields.Item;
import dev.gantry.plan.References.Kind;
import dev.gantry.plan.YamlNode.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads what the release changes: the change inventory, the environment contract, the migrations. */
final class ChangeReader {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Problems problems;
    private final References references;

    ChangeReader(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    Optional<Change> change(Item item) {
        return item.fields(problems, "id", "title", "area", "type", "breaking", "audiences", "description",
                "migration", "rollback", "compatibility", "risk", "deferred", "evidence", "integration").map(change -> {
            String id = change.requiredString("id", "<short-id>");
            references.declare(Kind.CHANGE, id, change.position("id"));
            boolean breaking = change.bool("breaking", false);
            List<Change.Audience> audiences = audiences(change);
            Optional<String> migration = change.string("migration");
            if (breaking && audiences.isEmpty()) {
                change.problem("breaking", "breaking change '" + id + "' names no audience",
                        "add 'audiences: [customers | operators | downstream | support | internal]' saying who must act");
            }
            if (breaking && migration.isEmpty()) {
                change.problem("breaking", "breaking change '" + id + "' says nothing about migration",
                        "add 'migration:' with what the affected must do");
            }
            return new Change(id, change.requiredString("title", "<one line>"), change.string("area", "general"),
                    change.enumValue("type", Change.Type.class, Change.Type.CHANGED), breaking, audiences,
                    change.string("description"), migration, change.string("rollback"),
                    change.string("compatibility"),
                    change.enumValue("risk", Change.Risk.class, breaking ? Change.Risk.MEDIUM : Change.Risk.LOW),
                    change.bool("deferred", false),
                    change.object("evidence", this::evidence).orElse(Change.Evidence.NONE),
                    change.object("integration", this::integration));
        });
    }

    private List<Change.Audience> audiences(Fields change) {
        List<Change.Audience> audiences = new ArrayList<>();
        List<YamlNode> items = change.items("audiences");
        for (int i = 0; i < items.size(); i++) {
            YamlNode node = items.get(i);
            String path = change.where() + ".audiences[" + i + "]";
            change.text(node, path, false).ifPresent(text -> {
                for (Change.Audience audience : Change.Audience.values()) {
                    if (audience.planName().equals(text)) {
                        audiences.add(audience);
                        return;
                    }
                }
                List<String> names = java.util.Arrays.stream(Change.Audience.values()).map(PlanEnum::planName).toList();
                problems.add(node.position(), path + " cannot be '" + text + "'",
                        Suggestions.nearest(text, names).map(name -> "did you mean '" + name + "'? ").orElse("")
                                + "use one of: " + String.join(", ", names));
            });
        }
        return audiences;
    }

    private Optional<Change.Evidence> evidence(Item item) {
        return item.fields(problems, "configDiff", "migrations", "env", "links").map(evidence -> {
            List<String> env = evidence.strings("env");
            List<YamlNode> envNodes = evidence.items("env");
            for (int i = 0; i < env.size() && i < envNodes.size(); i++) {
                references.use(Kind.VARIABLE, env.get(i), envNodes.get(i).position(), evidence.where() + ".env[" + i + "]");
            }
            return new Change.Evidence(evidence.object("configDiff", this::configDiff), evidence.strings("migrations"),
                    env, evidence.strings("links"));
        });
    }

    private Optional<Change.ConfigDiff> configDiff(Item item) {
        return item.fields(problems, "before", "after").map(diff -> new Change.ConfigDiff(
                diff.requiredString("before", "deploy/1.0/service.yaml"),
                diff.requiredString("after", "deploy/1.2/service.yaml")));
    }

    private Optional<Change.Integration> integration(Item item) {
        return item.fields(problems, "name", "from", "to", "deadline").map(integration -> new Change.Integration(
                integration.requiredString("name", "stripe"),
                integration.requiredString("from", "\"2023-10-16\""),
                integration.requiredString("to", "\"2024-06-20\""),
                integration.string("deadline")));
    }

    /** The environment contract: a map from variable name to its definition. */
    List<EnvVar> environment(Fields plan) {
        List<EnvVar> variables = new ArrayList<>();
        for (Entry entry : plan.namedEntries("environment")) {
            if (!VARIABLE_NAME.matcher(entry.key()).matches()) {
                problems.add(entry.keyPosition(), "'" + entry.key() + "' is not a valid environment variable name",
                        "use letters, digits and underscores, not starting with a digit");
                continue;
            }
            references.declare(Kind.VARIABLE, entry.key(), entry.keyPosition());
            Fields.of(entry.value(), problems, "environment." + entry.key(), "type", "required", "default", "pattern",
                    "minLength", "secret", "values", "since", "deprecated", "renamedFrom", "removedIn", "description",
                    "example").map(variable -> variable(entry.key(), variable)).ifPresent(variables::add);
        }
        return variables;
    }

    private EnvVar variable(String name, Fields variable) {
        EnvVar.Type type = variable.enumValue("type", EnvVar.Type.class, EnvVar.Type.STRING);
        Optional<String> pattern = variable.string("pattern");
        pattern.ifPresent(regex -> {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                variable.problem("pattern", "environment." + name + ".pattern is not a valid regular expression: "
                        + e.getDescription(), "fix the expression (Java regular expression syntax)");
            }
        });
        List<String> values = variable.strings("values");
        if (type == EnvVar.Type.ENUM && values.isEmpty()) {
            variable.problem("type", "environment." + name + " is an enum without 'values'",
                    "add 'values: [a, b]' listing what it may be");
        }
        boolean secret = variable.bool("secret", false);
        Optional<String> example = variable.string("example");
        if (secret && example.isPresent()) {
            variable.problem("example", "environment." + name + " is secret, so it cannot have an example value",
                    "remove 'example'; templates show a placeholder for secrets");
        }
        Optional<String> defaultValue = variable.string("default");
        if (secret && defaultValue.isPresent()) {
            variable.problem("default", "environment." + name + " is secret, so it cannot have a default in the plan",
                    "remove 'default'; a secret's value belongs in the environment, not in the repository");
        }
        variable.string("renamedFrom").ifPresent(old -> {
            if (!VARIABLE_NAME.matcher(old).matches()) {
                variable.problem("renamedFrom", "'" + old + "' is not a valid environment variable name",
                        "write the variable's previous name");
            }
        });
        return new EnvVar(name, type, variable.bool("required", false), defaultValue, pattern,
                variable.integer("minLength", 0, 100_000).map(Long::intValue), secret, values,
                variable.string("since"), variable.bool("deprecated", false), variable.string("renamedFrom"),
                variable.string("removedIn"), variable.string("description"), example);
    }

    private static Optional<String> baseline(Fields migrations) {
        Optional<String> baseline = migrations.string("baseline");
        if (baseline.isPresent() && !baseline.get().matches("\\d+(\\.\\d+)*")) {
            migrations.problem("baseline", "migrations.baseline '" + baseline.get() + "' is not a migration version",
                    "write the version of the last migration the previous release applied, e.g. \"1\" or \"2.1\"");
            return Optional.empty();
        }
        return baseline;
    }

    Optional<Migrations> migrations(Item item) {
        return item.fields(problems, "dir", "dialect", "pgVersion", "assumeInTransaction", "baseline").map(migrations -> {
            String dialect = migrations.string("dialect", "postgresql");
            if (!dialect.equals("postgresql")) {
                migrations.problem("dialect", "migrations.dialect '" + dialect + "' is not supported",
                        "write 'dialect: postgresql' (the only dialect Gantry lints)");
            }
            return new Migrations(migrations.requiredString("dir", "db/migrations"), dialect,
                    migrations.integer("pgVersion", 9, 99).map(Long::intValue).orElse(15),
                    migrations.bool("assumeInTransaction", false), baseline(migrations));
        });
    }
}
