package dev.gantry.docs;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.Durations;

/** What a gate check verifies, in a few words, for the runbook's go/no-go list. */
final class CheckText {
    private CheckText() {}

    static String of(CheckSpec check) {
        return switch (check) {
            case CheckSpec.Manual manual -> manual.instructions().orElse("a person confirms it and records the evidence");
            case CheckSpec.Http http -> http.method() + " `" + http.url() + "` answers " + http.expectStatus()
                    + http.maxLatency().map(latency -> " within " + Durations.format(latency)).orElse("")
                    + http.jsonPointer().map(pointer -> ", `" + pointer + "` = `" + http.equals().orElse("") + "`").orElse("")
                    + http.bodyContains().map(body -> ", body contains `" + body + "`").orElse("")
                    + http.bodyNotContains().map(body -> ", body lacks `" + body + "`").orElse("");
            case CheckSpec.HttpHeaders headers -> "`" + headers.url() + "` sends the security headers"
                    + (headers.require().isEmpty() ? "" : " (" + String.join(", ", headers.require()) + ")");
            case CheckSpec.Env env -> "the environment satisfies the plan's contract"
                    + env.envFile().map(file -> " (" + file + ")").orElse("");
            case CheckSpec.SqlLint lint -> "the migrations pass the lock-safety lint";
            case CheckSpec.Coverage coverage -> coverage.counter().toString().toLowerCase(java.util.Locale.ROOT)
                    + " coverage" + coverage.packageName().map(name -> " of " + name).orElse("") + " at least "
                    + Values.number(coverage.min()) + "% in `" + coverage.report() + "`";
            case CheckSpec.Junit junit -> "at least " + junit.minTests() + " tests pass in " + paths(junit.reports());
            case CheckSpec.Prometheus prometheus -> "`" + prometheus.query() + "` " + prometheus.expect().text();
            case CheckSpec.Bugs bugs -> (bugs.max() == 0 ? "no" : "at most " + bugs.max()) + " open "
                    + String.join("+", bugs.labels()) + " bugs";
            case CheckSpec.Docs docs -> (docs.paths().isEmpty() ? "" : paths(docs.paths()) + (docs.paths().size() == 1 ? " exists" : " exist"))
                    + (docs.paths().isEmpty() || docs.envDocumentedIn().isEmpty() ? "" : "; ")
                    + docs.envDocumentedIn().map(file -> "every variable is documented in `" + file + "`").orElse("");
            case CheckSpec.Command command -> "`" + command.run() + "` exits with " + command.expectExit();
            case CheckSpec.Slo slo -> "the SLO score is at least " + Values.number(slo.passScore()) + " over "
                    + slo.objectives().size() + " objectives";
        };
    }

    private static String paths(java.util.List<String> paths) {
        return paths.stream().map(path -> "`" + path + "`").collect(java.util.stream.Collectors.joining(", "));
    }
}
