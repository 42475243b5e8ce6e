package dev.gantry.plan;

import dev.gantry.plan.Fields.Item;
import dev.gantry.plan.References.Kind;
import dev.gantry.plan.YamlNode.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the go/no-go checklist and the sign-off roles. */
final class GateReader {
    static final List<String> CHECK_TYPES = List.of("manual", "http", "http-headers", "env", "sql-lint", "coverage",
            "junit", "prometheus", "bugs", "docs", "command", "slo");
    private static final Pattern CATEGORY_ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern CRITERION = Pattern.compile("(>=|<=|==|!=|>|<)\\s*([+-])?\\s*(\\d+(?:\\.\\d+)?)\\s*(%)?");

    private final Problems problems;
    private final References references;

    GateReader(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    /** {@code gates:} maps a category name to its list of items. */
    List<GateCategory> gates(Fields plan) {
        List<GateCategory> categories = new ArrayList<>();
        for (Entry entry : plan.namedEntries("gates")) {
            if (!CATEGORY_ID.matcher(entry.key()).matches()) {
                problems.add(entry.keyPosition(), "gate category '" + entry.key() + "' is not a valid name",
                        "use lower-case letters, digits and dashes, e.g. security, pre-launch");
            }
            if (!(entry.value() instanceof YamlNode.YamlList list)) {
                problems.add(entry.value().position(), "gates." + entry.key() + " should be a list of items, but it is "
                        + entry.value().describe(), "write each item as '- { title: ..., check: { type: manual } }'");
                continue;
            }
            List<GateCategory.Item> items = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                item(new Item(list.items().get(i), "gates." + entry.key() + "[" + i + "]", i)).ifPresent(items::add);
            }
            categories.add(new GateCategory(entry.key(), items));
        }
        return categories;
    }

    private Optional<GateCategory.Item> item(Item node) {
        return node.fields(problems, "id", "title", "required", "check", "timeout", "owner").map(item -> {
            String title = item.requiredString("title", "<the checklist item>");
            String id = item.string("id").orElseGet(() -> slug(title));
            references.declare(Kind.GATE_ITEM, id, item.has("id") ? item.position("id") : item.position("title"));
            CheckSpec check = item.object("check", this::check)
                    .orElse(new CheckSpec.Manual(Optional.empty()));
            return new GateCategory.Item(id, title, item.bool("required", true), check, item.duration("timeout"),
                    item.string("owner"));
        });
    }

    /** An id from a title: "Auth test coverage > 70%" becomes "auth-test-coverage-70". */
    static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.length() > 60 ? slug.substring(0, 60).replaceAll("-$", "") : slug;
    }

    private Optional<CheckSpec> check(Item node) {
        if (!(node.node() instanceof YamlNode.YamlMap map)) {
            return Fields.of(node.node(), problems, node.where()).map(f -> new CheckSpec.Manual(Optional.empty()));
        }
        Optional<String> type = map.entry("type").map(Entry::value)
                .filter(YamlNode.YamlScalar.class::isInstance).map(value -> ((YamlNode.YamlScalar) value).text());
        if (type.isEmpty()) {
            problems.add(node.node().position(), node.where() + " is missing 'type'",
                    "add 'type:' with one of: " + String.join(", ", CHECK_TYPES));
            return Optional.empty();
        }
        if (!CHECK_TYPES.contains(type.get())) {
            Position at = map.entry("type").map(entry -> entry.value().position()).orElse(node.node().position());
            problems.add(at, node.where() + ".type cannot be '" + type.get() + "'",
                    Suggestions.nearest(type.get(), CHECK_TYPES).map(t -> "did you mean '" + t + "'? ").orElse("")
                            + "use one of: " + String.join(", ", CHECK_TYPES));
            return Optional.empty();
        }
        return switch (type.get()) {
            case "manual" -> node.fields(problems, "type", "instructions")
                    .map(check -> new CheckSpec.Manual(check.string("instructions")));
            case "http" -> node.fields(problems, "type", "url", "method", "expect", "maxLatency", "bodyContains",
                    "bodyNotContains", "jsonPointer", "equals", "headers").map(this::http);
            case "http-headers" -> node.fields(problems, "type", "url", "require").map(check -> {
                check.require("url", "https://staging.example.com/");
                List<String> require = check.strings("require").stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
                return new CheckSpec.HttpHeaders(url(check),
                        require.isEmpty() ? CheckSpec.HttpHeaders.DEFAULT_HEADERS : require);
            });
            case "env" -> node.fields(problems, "type", "envFile", "fromProcess").map(check -> new CheckSpec.Env(
                    check.string("envFile"), check.bool("fromProcess", check.string("envFile").isEmpty())));
            case "sql-lint" -> node.fields(problems, "type", "paths")
                    .map(check -> new CheckSpec.SqlLint(check.strings("paths")));
            case "coverage" -> node.fields(problems, "type", "report", "counter", "package", "min").map(check -> {
                check.require("min", "70");
                return new CheckSpec.Coverage(check.requiredString("report", "target/site/jacoco/jacoco.xml"),
                        check.enumValue("counter", CheckSpec.Coverage.Counter.class, CheckSpec.Coverage.Counter.LINE),
                        check.string("package"), check.number("min", 0, 100).orElse(0.0));
            });
            case "junit" -> node.fields(problems, "type", "reports", "minTests").map(check -> {
                List<String> reports = check.strings("reports");
                if (reports.isEmpty()) {
                    check.requireItems("reports", "[target/surefire-reports]");
                }
                return new CheckSpec.Junit(reports, check.integer("minTests", 0, Integer.MAX_VALUE).orElse(1L).intValue());
            });
            case "prometheus" -> node.fields(problems, "type", "url", "query", "expect").map(check -> {
                check.require("expect", "\"< 0.01\"");
                return new CheckSpec.Prometheus(check.configValue("url", false),
                        check.requiredString("query", "<PromQL>"),
                        check.threshold("expect").orElse(new Threshold(Threshold.Operator.GREATER_OR_EQUAL, 0, ">= 0")));
            });
            case "bugs" -> node.fields(problems, "type", "file", "url", "labels", "max").map(check -> {
                if (check.has("file") == check.has("url")) {
                    check.problem("type", node.where() + " needs exactly one of 'file' and 'url'",
                            "give 'file:' (a JSON export of issues) or 'url:' (a GitHub-compatible issues API)");
                }
                return new CheckSpec.Bugs(check.string("file"), check.configValue("url", false), check.strings("labels"),
                        check.integer("max", 0, Integer.MAX_VALUE).orElse(0L).intValue());
            });
            case "docs" -> node.fields(problems, "type", "paths", "envDocumentedIn").map(check -> {
                if (!check.has("paths") && !check.has("envDocumentedIn")) {
                    check.require("paths", "[docs/RUNBOOK.md]");
                }
                return new CheckSpec.Docs(check.strings("paths"), check.string("envDocumentedIn"));
            });
            case "command" -> node.fields(problems, "type", "run", "expectExit", "workdir").map(check ->
                    new CheckSpec.Command(check.requiredString("run", "npm run test:e2e"),
                            check.integer("expectExit", 0, 255).orElse(0L).intValue(), check.string("workdir")));
            default -> node.fields(problems, "type", "url", "objectives", "passScore", "warningScore").map(this::slo);
        };
    }

    private CheckSpec.Http http(Fields check) {
        check.require("url", "https://staging.example.com/api/health");
        String method = check.string("method", "GET").toUpperCase(Locale.ROOT);
        if (!List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS").contains(method)) {
            check.problem("method", check.where() + ".method '" + method + "' is not an HTTP method",
                    "use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS");
        }
        Optional<String> pointer = check.string("jsonPointer");
        if (pointer.isPresent() && !pointer.get().isEmpty() && !pointer.get().startsWith("/")) {
            check.problem("jsonPointer", check.where() + ".jsonPointer '" + pointer.get() + "' is not a JSON pointer",
                    "start it with '/', e.g. /status");
        }
        if (pointer.isPresent() != check.has("equals")) {
            check.problem(pointer.isPresent() ? "jsonPointer" : "equals",
                    check.where() + " needs 'jsonPointer' and 'equals' together",
                    "give both: jsonPointer: /status and equals: ok");
        }
        return new CheckSpec.Http(url(check), method, check.integer("expect", 100, 599).orElse(200L).intValue(),
                check.duration("maxLatency"), check.string("bodyContains"), check.string("bodyNotContains"), pointer,
                check.string("equals"),
                headers(check, "headers"));
    }

    static Map<String, ConfigValue> headers(Fields fields, String key) {
        Map<String, ConfigValue> headers = new LinkedHashMap<>();
        for (Entry entry : fields.namedEntries(key)) {
            fields.text(entry.value(), fields.where() + "." + key + "." + entry.key(), true)
                    .ifPresent(value -> headers.put(entry.key(), new ConfigValue(value, true)));
        }
        return headers;
    }

    private static ConfigValue url(Fields check) {
        return check.configValue("url", false).orElse(new ConfigValue("", false));
    }

    private CheckSpec.Slo slo(Fields check) {
        List<CheckSpec.Slo.Objective> objectives = check.objects("objectives", this::objective);
        if (objectives.isEmpty()) {
            check.requireItems("objectives", "[{ sli: p95-latency, query: ..., pass: [\"<600\"] }]");
        }
        double pass = check.number("passScore", 0, 100).orElse(90.0);
        double warning = check.number("warningScore", 0, 100).orElse(75.0);
        if (warning > pass) {
            check.problem("warningScore", check.where() + ".warningScore " + warning + " is above passScore " + pass,
                    "make the warning score at most the pass score");
        }
        return new CheckSpec.Slo(check.configValue("url", false), objectives, pass, warning);
    }

    private Optional<CheckSpec.Slo.Objective> objective(Item node) {
        return node.fields(problems, "sli", "query", "baselineQuery", "pass", "warning", "weight", "key").map(o -> {
            List<List<CheckSpec.Slo.Criterion>> pass = criteria(o, "pass");
            List<List<CheckSpec.Slo.Criterion>> warning = criteria(o, "warning");
            boolean relative = pass.stream().flatMap(List::stream).anyMatch(CheckSpec.Slo.Criterion::relative)
                    || warning.stream().flatMap(List::stream).anyMatch(CheckSpec.Slo.Criterion::relative);
            if (relative && !o.has("baselineQuery")) {
                o.problem("pass", o.where() + " has relative criteria but no 'baselineQuery'",
                        "add 'baselineQuery:' (e.g. the same query with 'offset 1w') to compare against");
            }
            return new CheckSpec.Slo.Objective(o.requiredString("sli", "p95-latency"), o.requiredString("query", "<PromQL>"),
                    o.string("baselineQuery"), pass, warning, o.integer("weight", 0, 1000).orElse(1L).intValue(),
                    o.bool("key", false));
        });
    }

    /**
     * Criteria lists: {@code pass: ["<600", "<=+10%"]} is one list (all must hold);
     * {@code pass: [["<600"], ["<=+10%"]]} is two lists (either may hold).
     */
    private List<List<CheckSpec.Slo.Criterion>> criteria(Fields objective, String key) {
        List<YamlNode> items = objective.items(key);
        if (items.isEmpty()) {
            return List.of();
        }
        boolean nested = items.stream().allMatch(YamlNode.YamlList.class::isInstance);
        List<List<CheckSpec.Slo.Criterion>> lists = new ArrayList<>();
        if (nested) {
            for (int i = 0; i < items.size(); i++) {
                lists.add(criterionList(((YamlNode.YamlList) items.get(i)).items(), objective, key + "[" + i + "]"));
            }
        } else {
            lists.add(criterionList(items, objective, key));
        }
        return lists;
    }

    private List<CheckSpec.Slo.Criterion> criterionList(List<YamlNode> nodes, Fields objective, String key) {
        List<CheckSpec.Slo.Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = objective.where() + "." + key + "[" + i + "]";
            YamlNode node = nodes.get(i);
            objective.text(node, path, false).ifPresent(text -> {
                Matcher matcher = CRITERION.matcher(text.strip());
                if (!matcher.matches()) {
                    problems.add(node.position(), path + " is not a criterion: '" + text + "'",
                            "write an operator and a number, absolute like '<600' or relative to the baseline like '<=+10%'");
                    return;
                }
                boolean relative = matcher.group(2) != null;
                boolean percent = matcher.group(4) != null;
                if (percent && !relative) {
                    problems.add(node.position(), path + " '" + text + "' has a percent but no sign",
                            "write a relative change with its sign, e.g. '<=+10%'");
                    return;
                }
                double value = Double.parseDouble(matcher.group(3)) * ("-".equals(matcher.group(2)) ? -1 : 1);
                criteria.add(new CheckSpec.Slo.Criterion(Threshold.Operator.of(matcher.group(1)), value, relative,
                        percent, text.strip()));
            });
        }
        return criteria;
    }

    /** {@code signoffs:} lists the roles whose sign-off the release needs. */
    List<String> signoffs(Fields plan) {
        List<String> roles = plan.strings("signoffs");
        List<YamlNode> nodes = plan.items("signoffs");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < roles.size() && i < nodes.size(); i++) {
            references.use(Kind.ROLE, roles.get(i), nodes.get(i).position(), "signoffs[" + i + "]");
            if (seen.contains(roles.get(i))) {
                problems.add(nodes.get(i).position(), "signoffs lists role '" + roles.get(i) + "' twice",
                        "list each role once");
            }
            seen.add(roles.get(i));
        }
        return List.copyOf(roles);
    }
}
