package dev.gantry.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.plan.Durations;
import dev.gantry.plan.EnvVar;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an environment against the release's contract: a verdict per variable, and for the
 * whole environment whether it satisfies the contract.
 *
 * <p>No verdict, reason or summary ever contains a secret variable's value, or any part of it.
 * Non-secret values are quoted in reasons when short. Thread-safe and stateless.
 */
public final class EnvironmentCheck {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off");

    private EnvironmentCheck() {}

    /** Where a variable stands. */
    public enum Status {
        /** Set and valid. */
        OK(true),
        /** Not set; its default applies. */
        DEFAULTED(true),
        /** Not set and not required. */
        UNSET(true),
        /** Set, valid, but deprecated: it will stop working. */
        DEPRECATED(true),
        /** Required, not set, no default. */
        MISSING(false),
        /** Set to a value the contract does not allow. */
        INVALID(false),
        /** Not set, but its previous name is: the variable was renamed. */
        RENAMED(false);

        private final boolean satisfied;

        Status(boolean satisfied) {
            this.satisfied = satisfied;
        }

        /** Whether this status satisfies the contract. */
        public boolean satisfied() {
            return satisfied;
        }
    }

    /**
     * The verdict on one variable.
     *
     * @param name the variable
     * @param status where it stands
     * @param secret whether its value is secret
     * @param reason the verdict in words, never holding a secret
     */
    public record Verdict(String name, Status status, boolean secret, String reason) {}

    /**
     * The verdict on a whole environment.
     *
     * @param verdicts one per contract variable, in contract order
     * @param undeclared variables the environment sets that the contract does not know
     */
    public record Report(List<Verdict> verdicts, List<String> undeclared) {
        public Report {
            verdicts = List.copyOf(verdicts);
            undeclared = List.copyOf(undeclared);
        }

        /** Whether the environment satisfies the contract. */
        public boolean satisfied() {
            return verdicts.stream().allMatch(verdict -> verdict.status().satisfied());
        }

        /** The verdicts that do not satisfy the contract. */
        public List<Verdict> failures() {
            return verdicts.stream().filter(verdict -> !verdict.status().satisfied()).toList();
        }
    }

    /**
     * Checks {@code environment} against {@code contract}.
     *
     * @param undeclaredMatters whether to list variables outside the contract (an env file's
     *     extras are worth listing; a process environment's are not)
     */
    public static Report check(List<EnvVar> contract, Map<String, String> environment, boolean undeclaredMatters) {
        List<Verdict> verdicts = new ArrayList<>(contract.size());
        Map<String, Boolean> known = new LinkedHashMap<>();
        for (EnvVar variable : contract) {
            known.put(variable.name(), true);
            variable.renamedFrom().ifPresent(old -> known.put(old, true));
            verdicts.add(verdict(variable, environment));
        }
        List<String> undeclared = undeclaredMatters
                ? environment.keySet().stream().filter(name -> !known.containsKey(name)).sorted().toList()
                : List.of();
        return new Report(verdicts, undeclared);
    }

    static Verdict verdict(EnvVar variable, Map<String, String> environment) {
        String name = variable.name();
        String value = environment.get(name);
        if (value == null) {
            Optional<String> old = variable.renamedFrom().filter(environment::containsKey);
            if (old.isPresent()) {
                return new Verdict(name, Status.RENAMED, variable.secret(), old.get() + " is set but was renamed " + name
                        + "; set " + name + " to the same value (and keep " + old.get() + " until rollback is no longer possible)");
            }
            if (variable.defaultValue().isPresent()) {
                return new Verdict(name, Status.DEFAULTED, variable.secret(), "not set; the default "
                        + quoted(variable, variable.defaultValue().get()) + " applies");
            }
            return variable.required()
                    ? new Verdict(name, Status.MISSING, variable.secret(), "required but not set"
                            + variable.description().map(description -> " (" + description.replaceAll("\\.$", "") + ")").orElse(""))
                    : new Verdict(name, Status.UNSET, variable.secret(), "not set (optional)");
        }
        Optional<String> invalid = invalidity(variable, value);
        if (invalid.isPresent()) {
            return new Verdict(name, Status.INVALID, variable.secret(), invalid.get());
        }
        if (variable.deprecated()) {
            return new Verdict(name, Status.DEPRECATED, variable.secret(), "set, but deprecated"
                    + variable.removedIn().map(version -> "; removed in " + version).orElse("") + "; stop relying on it");
        }
        return new Verdict(name, Status.OK, variable.secret(), "set");
    }

    /** Why {@code value} breaks the contract for {@code variable}, if it does; never quotes a secret. */
    static Optional<String> invalidity(EnvVar variable, String value) {
        if (variable.required() && value.isEmpty()) {
            return Optional.of("required but set to an empty value");
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> typeProblem = typeProblem(variable, value);
        if (typeProblem.isPresent()) {
            return typeProblem;
        }
        if (variable.minLength().isPresent() && value.codePointCount(0, value.length()) < variable.minLength().get()) {
            return Optional.of("shorter than the " + variable.minLength().get() + " characters required"
                    + (variable.secret() ? "" : " (" + value.codePointCount(0, value.length()) + ")"));
        }
        if (variable.pattern().isPresent() && !Pattern.compile(variable.pattern().get()).matcher(value).matches()) {
            return Optional.of((variable.secret() ? "the value" : quoted(variable, value))
                    + " does not match the pattern " + variable.pattern().get());
        }
        return Optional.empty();
    }

    private static Optional<String> typeProblem(EnvVar variable, String value) {
        String shown = quoted(variable, value);
        return switch (variable.type()) {
            case STRING -> Optional.empty();
            case INT -> parsesAsLong(value) ? Optional.empty() : Optional.of(shown + " is not a whole number");
            case BOOL -> TRUE.contains(value.toLowerCase(Locale.ROOT)) || FALSE.contains(value.toLowerCase(Locale.ROOT))
                    ? Optional.empty() : Optional.of(shown + " is not true or false (also accepted: 1/0, yes/no, on/off)");
            case URL -> isUrl(value) ? Optional.empty()
                    : Optional.of(shown + " is not an absolute URL with a scheme and a host");
            case EMAIL -> EMAIL.matcher(value).matches() ? Optional.empty() : Optional.of(shown + " is not an email address");
            case DURATION -> Durations.parse(value).isPresent() || isIsoDuration(value) ? Optional.empty()
                    : Optional.of(shown + " is not a duration such as 30s, 5m, 12h or PT12H");
            case PORT -> isPort(value) ? Optional.empty() : Optional.of(shown + " is not a port from 1 to 65535");
            case ENUM -> variable.values().contains(value) ? Optional.empty()
                    : Optional.of(shown + " is not one of: " + String.join(", ", variable.values()));
            case JSON -> isJson(value) ? Optional.empty() : Optional.of(shown + " is not valid JSON");
        };
    }

    /** The value in quotes for a reason, or "the value" when it is secret or long. */
    private static String quoted(EnvVar variable, String value) {
        if (variable.secret()) {
            return "the value";
        }
        return value.length() <= 60 && value.indexOf('\n') < 0 ? "'" + value + "'" : "the value";
    }

    private static boolean parsesAsLong(String value) {
        try {
            Long.parseLong(value.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isPort(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            return port >= 1 && port <= 65_535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && (uri.getHost() != null || "file".equals(uri.getScheme())
                    || uri.getSchemeSpecificPart().startsWith("//") && uri.getAuthority() != null);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isIsoDuration(String value) {
        try {
            java.time.Duration.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isJson(String value) {
        try {
            JSON.readTree(value);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
