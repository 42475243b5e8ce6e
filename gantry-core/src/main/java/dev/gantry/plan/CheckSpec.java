package dev.gantry.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a gate item is checked. Each kind is evaluated by the gate engine; {@code command} only
 * ever runs in the CLI, never on the server.
 */
public sealed interface CheckSpec {
    /** The kind as plans write it in {@code check.type}. */
    String type();

    /** Done by a person, who records who, when and the evidence. */
    record Manual(Optional<String> instructions) implements CheckSpec {
        @Override
        public String type() {
            return "manual";
        }
    }

    /** An HTTP request whose answer must meet expectations. */
    record Http(ConfigValue url, String method, int expectStatus, Optional<java.time.Duration> maxLatency,
            Optional<String> bodyContains, Optional<String> bodyNotContains, Optional<String> jsonPointer,
            Optional<String> equals, Map<String, ConfigValue> headers) implements CheckSpec {
        public Http {
            headers = Map.copyOf(headers);
        }

        @Override
        public String type() {
            return "http";
        }
    }

    /** Security headers present and sane on a URL's response. */
    record HttpHeaders(ConfigValue url, List<String> require) implements CheckSpec {
        /** The headers checked when a plan names none. */
        public static final List<String> DEFAULT_HEADERS = List.of("strict-transport-security",
                "content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy");

        public HttpHeaders {
            require = List.copyOf(require);
        }

        @Override
        public String type() {
            return "http-headers";
        }
    }

    /** The environment contract holds for an env file or the process environment. */
    record Env(Optional<String> envFile, boolean fromProcess) implements CheckSpec {
        @Override
        public String type() {
            return "env";
        }
    }

    /** No blocking finding in the release's migrations. */
    record SqlLint(List<String> paths) implements CheckSpec {
        public SqlLint {
            paths = List.copyOf(paths);
        }

        @Override
        public String type() {
            return "sql-lint";
        }
    }

    /** JaCoCo coverage at or above a minimum, overall or for a package. */
    record Coverage(String report, Counter counter, Optional<String> packageName, double min) implements CheckSpec {
        /** Which JaCoCo counter to read. */
        public enum Counter implements PlanEnum { LINE, BRANCH, INSTRUCTION, METHOD }

        @Override
        public String type() {
            return "coverage";
        }
    }

    /** JUnit XML reports all passing, with a minimum number of tests. */
    record Junit(List<String> reports, int minTests) implements CheckSpec {
        public Junit {
            reports = List.copyOf(reports);
        }

        @Override
        public String type() {
            return "junit";
        }
    }

    /** A PromQL instant query whose value must meet a threshold. */
    record Prometheus(Optional<ConfigValue> url, String query, Threshold expect) implements CheckSpec {
        @Override
        public String type() {
            return "prometheus";
        }
    }

    /** At most {@code max} open issues matching labels, from a JSON file or an issues API. */
    record Bugs(Optional<String> file, Optional<ConfigValue> url, List<String> labels, int max) implements CheckSpec {
        public Bugs {
            labels = List.copyOf(labels);
        }

        @Override
        public String type() {
            return "bugs";
        }
    }

    /** Documents exist and are not empty; optionally every contract variable is documented in one. */
    record Docs(List<String> paths, Optional<String> envDocumentedIn) implements CheckSpec {
        public Docs {
            paths = List.copyOf(paths);
        }

        @Override
        public String type() {
            return "docs";
        }
    }

    /** A command's exit code; runs only in the CLI. */
    record Command(String run, int expectExit, Optional<String> workdir) implements CheckSpec {
        @Override
        public String type() {
            return "command";
        }
    }

    /**
     * Scored service-level objectives, as Keptn scores them: each objective passes, warns or
     * fails by its criteria; the weighted score against {@code passScore} and
     * {@code warningScore} gives the result; a failed key objective fails the whole check.
     */
    record Slo(Optional<ConfigValue> url, List<Objective> objectives, double passScore, double warningScore)
            implements CheckSpec {
        public Slo {
            objectives = List.copyOf(objectives);
        }

        @Override
        public String type() {
            return "slo";
        }

        /**
         * One objective. Criteria in one list must all hold (AND); the objective meets
         * {@code pass} when any one list holds (OR across lists), likewise {@code warning}.
         *
         * @param sli the indicator's name
         * @param query the PromQL query that measures it
         * @param baselineQuery the query for the baseline that relative criteria compare with
         * @param pass lists of criteria for passing
         * @param warning lists of criteria for a warning
         * @param weight its weight in the score
         * @param key whether failing it fails the check whatever the score
         */
        public record Objective(String sli, String query, Optional<String> baselineQuery,
                List<List<Criterion>> pass, List<List<Criterion>> warning, int weight, boolean key) {
            public Objective {
                pass = pass.stream().map(List::copyOf).toList();
                warning = warning.stream().map(List::copyOf).toList();
            }
        }

        /**
         * A criterion such as {@code <600} (absolute) or {@code <=+10%} (relative to the
         * baseline).
         *
         * @param operator the comparison
         * @param value the bound, or the allowed change when relative
         * @param relative whether the bound is a change from the baseline
         * @param percent whether a relative change is in percent
         * @param text the criterion as written
         */
        public record Criterion(Threshold.Operator operator, double value, boolean relative, boolean percent,
                String text) {
            @com.fasterxml.jackson.annotation.JsonValue
            @Override
            public String text() {
                return text;
            }
        }
    }
}
