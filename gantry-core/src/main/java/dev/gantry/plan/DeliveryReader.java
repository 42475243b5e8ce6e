package dev.gantry.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.plan.Fields.Item;
import dev.gantry.plan.References.Kind;
import dev.gantry.plan.YamlNode.Entry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads how the release goes out and comes back: flags, rollout, deploy and rollback. */
final class DeliveryReader {
    /** The release facts a step's {@code run} command may use as {@code ${release.NAME}}. */
    static final List<String> RELEASE_FACTS = List.of("product", "version", "previous", "owner", "target");
    private static final Pattern FACT = Pattern.compile("\\$\\{release\\.([A-Za-z]+)}");
    private static final Pattern FLAG_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Problems problems;
    private final References references;

    DeliveryReader(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    Optional<FlagDeclaration> flag(Item item) {
        return item.fields(problems, "key", "type", "default", "variations", "description", "envVar", "temporary")
                .map(flag -> {
                    String key = flag.requiredString("key", "enable-import");
                    if ((!key.isEmpty() || flag.string("key").isPresent()) && !FLAG_KEY.matcher(key).matches()) {
                        flag.problem("key", "flag key '" + key + "' has characters flags cannot have",
                                "use letters, digits, '.', '_' and '-'");
                    }
                    references.declare(Kind.FLAG, key, flag.position("key"));
                    FlagDeclaration.Kind kind = flag.enumValue("type", FlagDeclaration.Kind.class,
                            FlagDeclaration.Kind.BOOLEAN);
                    Map<String, JsonNode> variations = new LinkedHashMap<>();
                    for (Entry entry : flag.namedEntries("variations")) {
                        variations.put(entry.key(), json(entry.value()));
                    }
                    if (kind == FlagDeclaration.Kind.BOOLEAN && variations.isEmpty()) {
                        variations.put("on", JsonNodeFactory.instance.booleanNode(true));
                        variations.put("off", JsonNodeFactory.instance.booleanNode(false));
                    }
                    if (kind != FlagDeclaration.Kind.BOOLEAN && variations.isEmpty()) {
                        flag.problem("type", "flag '" + key + "' of type " + kind.planName() + " has no variations",
                                "add 'variations: { name: value, ... }'");
                    }
                    JsonNode defaultValue = flag.node("default").map(DeliveryReader::json)
                            .orElse(kind == FlagDeclaration.Kind.BOOLEAN
                                    ? JsonNodeFactory.instance.booleanNode(false)
                                    : variations.values().stream().findFirst().orElse(JsonNodeFactory.instance.nullNode()));
                    checkFlagValue(flag, key, kind, defaultValue, variations);
                    return new FlagDeclaration(key, kind, defaultValue, variations, flag.string("description"),
                            flag.string("envVar"), flag.bool("temporary", true));
                });
    }

    private static void checkFlagValue(Fields flag, String key, FlagDeclaration.Kind kind, JsonNode defaultValue,
            Map<String, JsonNode> variations) {
        boolean fits = switch (kind) {
            case BOOLEAN -> defaultValue.isBoolean();
            case STRING -> defaultValue.isTextual();
            case NUMBER -> defaultValue.isNumber();
            case JSON -> true;
        };
        if (!fits) {
            flag.problem("default", "flag '" + key + "' is " + kind.planName() + " but its default is "
                    + defaultValue.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
                    "give a default of the flag's type");
        } else if (!variations.isEmpty() && !variations.containsValue(defaultValue)) {
            flag.problem("default", "flag '" + key + "' has a default that is none of its variations",
                    "make the default one of: " + String.join(", ", variations.keySet()));
        }
    }

    /** A YAML value as JSON, scalars typed by the YAML core schema. */
    static JsonNode json(YamlNode node) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        if (node instanceof YamlNode.YamlMap map) {
            ObjectNode object = factory.objectNode();
            map.entries().forEach(entry -> object.set(entry.key(), json(entry.value())));
            return object;
        } else if (node instanceof YamlNode.YamlList list) {
            ArrayNode array = factory.arrayNode();
            list.items().forEach(item -> array.add(json(item)));
            return array;
        }
        YamlNode.YamlScalar scalar = (YamlNode.YamlScalar) node;
        return switch (scalar.kind()) {
            case NULL -> factory.nullNode();
            case BOOLEAN -> factory.booleanNode(Boolean.parseBoolean(scalar.text().toLowerCase(java.util.Locale.ROOT)));
            case INTEGER -> {
                try {
                    yield factory.numberNode(Long.parseLong(scalar.text().replace("_", "")));
                } catch (NumberFormatException e) {
                    yield factory.textNode(scalar.text());
                }
            }
            case FLOAT -> {
                try {
                    yield factory.numberNode(Double.parseDouble(scalar.text()));
                } catch (NumberFormatException e) {
                    yield factory.textNode(scalar.text());
                }
            }
            case STRING -> factory.textNode(scalar.text());
        };
    }

    Optional<Rollout> rollout(Item item) {
        return item.fields(problems, "flag", "bucketBy", "phases", "guards", "activation", "evaluationInterval")
                .map(rollout -> {
                    String flag = rollout.requiredString("flag", "<the release flag's key>");
                    references.use(Kind.FLAG, flag, rollout.position("flag"), "rollout.flag");
                    List<Rollout.Phase> phases = rollout.objects("phases", this::phase);
                    if (phases.isEmpty()) {
                        rollout.requireItems("phases", "[{ percent: 10, hold: 1d }, { percent: 50, hold: 1d }, { percent: 100 }]");
                    }
                    return new Rollout(flag, rollout.string("bucketBy"), phases, rollout.objects("guards", this::guard),
                            rollout.objects("activation", this::activation),
                            rollout.duration("evaluationInterval").orElse(Rollout.DEFAULT_EVALUATION_INTERVAL));
                });
    }

    private Optional<Rollout.Phase> phase(Item item) {
        return item.fields(problems, "name", "percent", "hold", "minSample", "approval").map(phase -> {
            phase.require("percent", "10");
            Optional<String> approval = phase.string("approval");
            approval.ifPresent(role -> references.use(Kind.ROLE, role, phase.position("approval"),
                    phase.where() + ".approval"));
            return new Rollout.Phase(phase.string("name", "phase " + (item.index() + 1)),
                    phase.number("percent", 0, 1_000_000).orElse(Double.NaN), phase.duration("hold"),
                    phase.integer("minSample", 0, Long.MAX_VALUE).orElse(0L), approval);
        });
    }

    private Optional<Rollout.Guard> guard(Item item) {
        return item.fields(problems, "id", "source", "query", "url", "when", "for", "action", "notify", "compare")
                .map(guard -> {
                    String id = guard.requiredString("id", "error-rate");
                    references.declare(Kind.GUARD, id, guard.position("id"));
                    Rollout.Guard.Source source = guard.enumValue("source", Rollout.Guard.Source.class,
                            Rollout.Guard.Source.PROMETHEUS);
                    Optional<Rollout.Comparison> compare = guard.object("compare", this::comparison);
                    switch (source) {
                        case PROMETHEUS -> {
                            guard.require("query", "'sum(rate(http_errors_total[5m])) / sum(rate(http_requests_total[5m]))'");
                            guard.require("when", "\"> 5%\"");
                        }
                        case HTTP -> guard.require("url", "https://app.example.com/health");
                        case SDK -> {
                            if (compare.isEmpty()) {
                                guard.require("query", "error-rate");
                                guard.require("when", "\"> 5%\"");
                            }
                        }
                    }
                    if (compare.isPresent() && source != Rollout.Guard.Source.SDK) {
                        guard.problem("compare", guard.where() + " compares variations, which only the sdk source can",
                                "set 'source: sdk' or remove 'compare'");
                    }
                    Rollout.Guard.Action action = guard.enumValue("action", Rollout.Guard.Action.class,
                            Rollout.Guard.Action.ROLLBACK);
                    List<String> notify = channels(guard, "notify");
                    if (action == Rollout.Guard.Action.NOTIFY && notify.isEmpty()) {
                        guard.problem("action", "guard '" + id + "' notifies but names no channel",
                                "add 'notify: [channel-id]' naming a channel under 'notifications'");
                    }
                    return new Rollout.Guard(id, source, guard.string("query"), guard.configValue("url", false),
                            guard.threshold("when"), guard.duration("for").orElse(Duration.ZERO), action, notify, compare);
                });
    }

    private Optional<Rollout.Comparison> comparison(Item item) {
        return item.fields(problems, "metric", "confidence", "maxEffect").map(compare -> {
            String metric = compare.string("metric", "error-rate");
            if (!metric.equals("error-rate") && !metric.equals("latency")) {
                compare.problem("metric", compare.where() + ".metric cannot be '" + metric + "'",
                        "use error-rate (two-proportion test) or latency (Mann-Whitney U)");
            }
            return new Rollout.Comparison(metric, compare.number("confidence", 0.5, 0.9999).orElse(0.95),
                    compare.number("maxEffect", 0, 1_000_000).orElse(0.0));
        });
    }

    private Optional<Rollout.Activation> activation(Item item) {
        return item.fields(problems, "flag", "hold").map(activation -> {
            String flag = activation.requiredString("flag", "<flag key>");
            references.use(Kind.FLAG, flag, activation.position("flag"), activation.where() + ".flag");
            return new Rollout.Activation(flag, activation.duration("hold"));
        });
    }

    /** Channel ids in a list field, each a reference to {@code notifications}. */
    List<String> channels(Fields fields, String key) {
        List<String> ids = fields.strings(key);
        List<YamlNode> nodes = fields.items(key);
        for (int i = 0; i < ids.size() && i < nodes.size(); i++) {
            references.use(Kind.CHANNEL, ids.get(i), nodes.get(i).position(), fields.where() + "." + key + "[" + i + "]");
        }
        return ids;
    }

    Optional<Rollback> rollback(Item item) {
        return item.fields(problems, "triggers", "steps", "database", "webhooks", "communications").map(rollback -> {
            List<String> communications = rollback.strings("communications");
            List<YamlNode> nodes = rollback.items("communications");
            for (int i = 0; i < communications.size() && i < nodes.size(); i++) {
                references.use(Kind.COMMUNICATION, communications.get(i), nodes.get(i).position(),
                        "rollback.communications[" + i + "]");
            }
            return new Rollback(rollback.objects("triggers", this::trigger), rollback.objects("steps", this::step),
                    rollback.enumValue("database", Rollback.DatabasePosture.class, Rollback.DatabasePosture.NONE),
                    rollback.objects("webhooks", this::webhook), communications);
        });
    }

    private Optional<Rollback.Trigger> trigger(Item item) {
        if (item.node() instanceof YamlNode.YamlScalar scalar && !scalar.isNull()) {
            return item.text(problems).map(text -> new Rollback.Trigger(text, Optional.empty()));
        }
        return item.fields(problems, "description", "guard").map(trigger -> {
            Optional<String> guard = trigger.string("guard");
            guard.ifPresent(id -> references.use(Kind.GUARD, id, trigger.position("guard"), trigger.where() + ".guard"));
            return new Rollback.Trigger(trigger.requiredString("description", "Error rate > 5% for 5 minutes"), guard);
        });
    }

    private Optional<Rollback.Webhook> webhook(Item item) {
        return item.fields(problems, "name", "url", "method", "headers").map(webhook -> {
            webhook.require("url", "${DEPLOY_ROLLBACK_HOOK}");
            return new Rollback.Webhook(webhook.string("name", "webhook " + (item.index() + 1)),
                    webhook.configValue("url", true).orElse(new ConfigValue("", true)),
                    webhook.string("method", "POST").toUpperCase(java.util.Locale.ROOT),
                    GateReader.headers(webhook, "headers"));
        });
    }

    Optional<Step> step(Item item) {
        return item.fields(problems, "name", "run", "http", "owner", "verify", "timeout").map(step -> {
            Optional<String> run = step.node("run").flatMap(node -> step.text(node, step.where() + ".run", true));
            run.ifPresent(command -> checkFacts(step, command));
            if (run.isPresent() && step.has("http")) {
                step.problem("http", step.where() + " has both 'run' and 'http'",
                        "split it into two steps: one runs the command, the next verifies over HTTP");
            }
            return new Step(step.requiredString("name", "<what the step does>"), run,
                    step.object("http", this::httpVerification), step.string("owner"), step.string("verify"),
                    step.duration("timeout"));
        });
    }

    private void checkFacts(Fields step, String command) {
        Matcher matcher = FACT.matcher(command);
        while (matcher.find()) {
            if (!RELEASE_FACTS.contains(matcher.group(1))) {
                step.problem("run", step.where() + ".run uses ${release." + matcher.group(1) + "}, which is not a release fact",
                        "use one of: " + RELEASE_FACTS.stream().map(f -> "${release." + f + "}").toList());
            }
        }
    }

    private Optional<Step.HttpVerification> httpVerification(Item item) {
        return item.fields(problems, "url", "expect", "bodyContains").map(http -> {
            http.require("url", "https://app.example.com/api/health");
            return new Step.HttpVerification(http.configValue("url", false).orElse(new ConfigValue("", false)),
                    http.integer("expect", 100, 599).orElse(200L).intValue(), http.string("bodyContains"));
        });
    }

    Optional<Deploy> deploy(Item item) {
        return item.fields(problems, "healthUrl", "probeInterval", "zeroDowntime", "maxFailedProbes", "stages")
                .map(deploy -> {
                    Optional<Integer> maxFailed = deploy.integer("maxFailedProbes", 0, Integer.MAX_VALUE)
                            .map(Long::intValue);
                    if (deploy.bool("zeroDowntime", false)) {
                        if (maxFailed.filter(max -> max > 0).isPresent()) {
                            deploy.problem("maxFailedProbes", "deploy has zeroDowntime but allows failed probes",
                                    "remove maxFailedProbes or set it to 0");
                        }
                        maxFailed = Optional.of(0);
                        deploy.require("healthUrl", "https://app.example.com/api/health");
                    }
                    return new Deploy(deploy.configValue("healthUrl", false),
                            deploy.duration("probeInterval").orElse(Deploy.DEFAULT_PROBE_INTERVAL), maxFailed,
                            deploy.objects("stages", this::stage));
                });
    }

    private Optional<Deploy.Stage> stage(Item item) {
        return item.fields(problems, "name", "production", "approval", "steps").map(stage -> {
            String name = stage.requiredString("name", "staging");
            references.declare(Kind.STAGE, name, stage.position("name"));
            Optional<String> approval = stage.string("approval");
            approval.ifPresent(role -> references.use(Kind.ROLE, role, stage.position("approval"),
                    stage.where() + ".approval"));
            List<Step> steps = stage.objects("steps", this::step);
            if (steps.isEmpty()) {
                stage.requireItems("steps", "[{ name: Deploy, run: ./deploy.sh }]");
            }
            return new Deploy.Stage(name, stage.bool("production", false), approval, steps);
        });
    }
}
