package dev.gantry.deploy;

import dev.gantry.plan.ReleasePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release's facts substituted into steps: {@code ${release.product}},
 * {@code ${release.version}}, {@code ${release.previous}}, {@code ${release.owner}},
 * {@code ${release.target}} and {@code ${stage.name}}. Plain {@code ${VAR}} references are left
 * alone for the shell (commands) or the environment (URLs).
 */
public final class Facts {
    private static final Pattern FACT = Pattern.compile("\\$\\{((?:release|stage)\\.[A-Za-z]+)}");

    private final Map<String, String> values;

    private Facts(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The facts of {@code plan} for a stage. */
    public static Facts of(ReleasePlan plan, String stage) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("release.product", plan.release().product());
        values.put("release.version", plan.release().version());
        plan.release().previous().ifPresent(previous -> values.put("release.previous", previous));
        values.put("release.owner", plan.release().owner());
        values.put("release.target", plan.release().target().toString());
        values.put("stage.name", stage);
        return new Facts(values);
    }

    /** The facts {@code text} refers to that are unknown (e.g. {@code release.previous} when not declared). */
    public List<String> unknown(String text) {
        Matcher matcher = FACT.matcher(text);
        List<String> unknown = new java.util.ArrayList<>();
        while (matcher.find()) {
            if (!values.containsKey(matcher.group(1))) {
                unknown.add("${" + matcher.group(1) + "}");
            }
        }
        return unknown;
    }

    /** {@code text} with every known fact substituted. */
    public String substitute(String text) {
        Matcher matcher = FACT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
