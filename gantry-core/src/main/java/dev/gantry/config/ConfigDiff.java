package dev.gantry.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares two versions of a deployment configuration (a Cloud Run or Knative service, a
 * Kubernetes manifest, any YAML or JSON) and classifies each difference as breaking or
 * compatible, with the reason.
 *
 * <p>Values of environment variables and of keys that look sensitive (secret, token, password,
 * key, credential) are never shown.
 */
public final class ConfigDiff {
    private static final Pattern ENV_ITEM = Pattern.compile("((?:.*\\.)?env)\\[([^\\]]+)](.*)");
    private static final Pattern SENSITIVE = Pattern.compile("(?i).*(secret|token|password|passwd|credential|apikey|api_key|private).*");
    private static final Pattern PORT = Pattern.compile("(?i).*(containerport|targetport|\\.port|hostport)$");
    private static final Pattern LIMIT = Pattern.compile("(?i)(.*\\.)?((limits|requests)\\.[a-z.-]+|maxscale|timeoutseconds|containerconcurrency|replicas)$");
    private static final Pattern QUANTITY = Pattern.compile("([0-9.]+)\\s*([a-zA-Z]*)");

    private ConfigDiff() {}

    /** Whether a difference breaks something. */
    public enum Class { BREAKING, COMPATIBLE }

    /**
     * One difference.
     *
     * @param path where, in the configuration
     * @param kind added, removed, renamed, type-changed, port-changed, limit-lowered, ...
     * @param classification breaking or compatible
     * @param message what changed and why it matters, with no secret value
     */
    public record Finding(String path, String kind, Class classification, String message) {}

    /** The differences from {@code before} to {@code after}, breaking ones first. */
    public static List<Finding> between(ConfigTree before, ConfigTree after) {
        List<Finding> findings = new ArrayList<>();
        envChanges(before, after, findings);
        Map<String, Object> removed = new LinkedHashMap<>();
        Map<String, Object> added = new LinkedHashMap<>();
        for (Map.Entry<String, Object> leaf : before.leaves().entrySet()) {
            String path = leaf.getKey();
            if (isEnv(path)) {
                continue;
            }
            if (!after.leaves().containsKey(path)) {
                removed.put(path, leaf.getValue());
            } else {
                changed(path, leaf.getValue(), after.leaves().get(path), findings);
            }
        }
        after.leaves().forEach((path, value) -> {
            if (!isEnv(path) && !before.leaves().containsKey(path)) {
                added.put(path, value);
            }
        });
        renamesAndRemovals(removed, added, findings);
        added.forEach((path, value) -> {
            if (isTraffic(path)) {
                findings.add(new Finding(path, "traffic-changed", Class.COMPATIBLE, path + " is new" + shown(path, value)
                        + "; traffic moves between revisions: keep the previous revision deployed to roll back"));
            } else {
                findings.add(new Finding(path, "added", Class.COMPATIBLE, path + " is new" + shown(path, value)));
            }
        });
        findings.sort(java.util.Comparator.comparing(Finding::classification));
        return List.copyOf(findings);
    }

    private static void changed(String path, Object before, Object after, List<Finding> findings) {
        if (Objects.equals(String.valueOf(before), String.valueOf(after)) && sameKind(before, after)) {
            return;
        }
        String change = sensitive(path) ? "" : " from " + render(before) + " to " + render(after);
        if (!sameKind(before, after)) {
            findings.add(new Finding(path, "type-changed", Class.BREAKING, path + " changes type" + change
                    + "; tools and templates that read it as " + kind(before) + " break"));
        } else if (PORT.matcher(path).matches()) {
            findings.add(new Finding(path, "port-changed", Class.BREAKING, path + " changes" + change
                    + "; health checks, load balancers and clients on the old port stop reaching the service"));
        } else if (LIMIT.matcher(path).matches() && lowered(before, after).orElse(false)) {
            findings.add(new Finding(path, "limit-lowered", Class.BREAKING, path + " is lowered" + change
                    + "; workloads that needed the old limit are throttled, killed or refused"));
        } else if (isTraffic(path)) {
            findings.add(new Finding(path, "traffic-changed", Class.COMPATIBLE, path + " changes" + change
                    + "; traffic moves between revisions: keep the previous revision deployed to roll back"));
        } else {
            findings.add(new Finding(path, "changed", Class.COMPATIBLE, path + " changes" + change));
        }
    }

    private static void renamesAndRemovals(Map<String, Object> removed, Map<String, Object> added, List<Finding> findings) {
        for (Map.Entry<String, Object> gone : removed.entrySet()) {
            String path = gone.getKey();
            Optional<String> renamedTo = added.entrySet().stream()
                    .filter(entry -> parent(entry.getKey()).equals(parent(path)))
                    .filter(entry -> Objects.equals(entry.getValue(), gone.getValue()) && !isTraffic(path))
                    .map(Map.Entry::getKey).findFirst();
            if (renamedTo.isPresent()) {
                added.remove(renamedTo.get());
                findings.add(new Finding(path, "renamed", Class.BREAKING, path + " is renamed " + leafName(renamedTo.get())
                        + "; anything that sets or reads the old key must use the new one"));
            } else if (isTraffic(path)) {
                findings.add(new Finding(path, "traffic-changed", Class.COMPATIBLE, path + " is removed"
                        + "; traffic moves between revisions: keep the previous revision deployed to roll back"));
            } else {
                findings.add(new Finding(path, "removed", Class.BREAKING, path + " is removed" + shown(path, gone.getValue())
                        + "; anything that relied on it loses it"));
            }
        }
    }

    /** Environment variables compared by name: added, removed, changed source. */
    private static void envChanges(ConfigTree before, ConfigTree after, List<Finding> findings) {
        Map<String, Map<String, Object>> old = envVars(before);
        Map<String, Map<String, Object>> now = envVars(after);
        Set<String> names = new LinkedHashSet<>(old.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            Map<String, Object> was = old.get(name);
            Map<String, Object> is = now.get(name);
            if (was == null) {
                Optional<String> secret = secretRef(is);
                findings.add(secret.isPresent()
                        ? new Finding("env " + name, "env-added", Class.BREAKING, "environment variable " + name
                                + " is new and comes from secret " + secret.get()
                                + "; create that secret in the target environment before deploying")
                        : new Finding("env " + name, "env-added", Class.COMPATIBLE, "environment variable " + name + " is new"));
            } else if (is == null) {
                findings.add(new Finding("env " + name, "env-removed", Class.BREAKING, "environment variable " + name
                        + " is no longer set; code that still reads it gets nothing (the previous revision keeps its own)"));
            } else if (!was.equals(is)) {
                Optional<String> wasSecret = secretRef(was);
                Optional<String> isSecret = secretRef(is);
                boolean sourceMoved = !wasSecret.equals(isSecret);
                findings.add(new Finding("env " + name, sourceMoved ? "env-source-changed" : "env-changed",
                        sourceMoved && isSecret.isPresent() ? Class.BREAKING : Class.COMPATIBLE,
                        "environment variable " + name + (sourceMoved
                                ? " now comes from " + isSecret.map(s -> "secret " + s).orElse("a literal value")
                                        + (isSecret.isPresent() ? "; create that secret before deploying" : "")
                                : " changes value")));
            }
        }
    }

    private static Map<String, Map<String, Object>> envVars(ConfigTree tree) {
        Map<String, Map<String, Object>> vars = new LinkedHashMap<>();
        tree.leaves().forEach((path, value) -> {
            Matcher matcher = ENV_ITEM.matcher(path);
            if (matcher.matches()) {
                vars.computeIfAbsent(matcher.group(2), name -> new LinkedHashMap<>()).put(matcher.group(3), value);
            }
        });
        return vars;
    }

    private static Optional<String> secretRef(Map<String, Object> var) {
        Object name = var.get(".valueFrom.secretKeyRef.name");
        Object key = var.get(".valueFrom.secretKeyRef.key");
        return name == null ? Optional.empty() : Optional.of(name + (key == null ? "" : "/" + key));
    }

    private static boolean isEnv(String path) {
        return ENV_ITEM.matcher(path).matches();
    }

    private static boolean isTraffic(String path) {
        return path.contains("traffic[");
    }

    private static Optional<Boolean> lowered(Object before, Object after) {
        Optional<Double> was = quantity(before);
        Optional<Double> is = quantity(after);
        return was.isPresent() && is.isPresent() ? Optional.of(is.get() < was.get()) : Optional.empty();
    }

    /** A Kubernetes quantity (512Mi, 1Gi, 500m, 2) as a number. */
    static Optional<Double> quantity(Object value) {
        Matcher matcher = QUANTITY.matcher(String.valueOf(value).strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        double number;
        try {
            number = Double.parseDouble(matcher.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        double scale = switch (matcher.group(2)) {
            case "" -> 1;
            case "m" -> 1e-3;
            case "k", "K" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            case "Ki" -> 1024;
            case "Mi" -> 1024.0 * 1024;
            case "Gi" -> 1024.0 * 1024 * 1024;
            case "Ti" -> 1024.0 * 1024 * 1024 * 1024;
            default -> Double.NaN;
        };
        return Double.isNaN(scale) ? Optional.empty() : Optional.of(number * scale);
    }

    private static boolean sameKind(Object a, Object b) {
        return kind(a).equals(kind(b));
    }

    private static String kind(Object value) {
        if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "true/false";
        } else if (value instanceof Map) {
            return "a map";
        } else if (value instanceof List) {
            return "a list";
        }
        return "text";
    }

    private static String shown(String path, Object value) {
        return sensitive(path) || value instanceof Map || value instanceof List ? "" : " (" + render(value) + ")";
    }

    private static boolean sensitive(String path) {
        return SENSITIVE.matcher(leafName(path).toLowerCase(Locale.ROOT)).matches();
    }

    private static String render(Object value) {
        String text = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static String leafName(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
