package dev.gantry.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.json.GantryJson;
import dev.gantry.plan.EnvVar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentCheckTest {
    static final String SECRET = "s3cr3t-Value-THAT-must-never-leak-0123456789";

    static EnvVar variable(String name, EnvVar.Type type, boolean required, boolean secret) {
        return new EnvVar(name, type, required, Optional.empty(), Optional.empty(), Optional.empty(), secret, List.of(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Nested
    class Types {
        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({"INT, 42, true", "INT, 4.2, false", "BOOL, yes, true", "BOOL, maybe, false",
            "URL, https://a.example.com/x, true", "URL, postgresql://u:p@db:6543/app, true", "URL, not a url, false",
            "EMAIL, ops@example.com, true", "EMAIL, ops, false", "DURATION, 12h, true", "DURATION, PT30S, true",
            "DURATION, soon, false", "PORT, 9000, true", "PORT, 70000, false", "JSON, '{\"a\":1}', true", "JSON, '{a', false"})
        void check_valueAgainstType(EnvVar.Type type, String value, boolean ok) {
            EnvironmentCheck.Report report = EnvironmentCheck.check(List.of(variable("V", type, true, false)),
                    Map.of("V", value), false);

            assertThat(report.satisfied()).isEqualTo(ok);
        }
    }

    @Test
    void check_statuses_coverEveryCase() {
        EnvVar required = variable("REQUIRED", EnvVar.Type.STRING, true, false);
        EnvVar defaulted = new EnvVar("WITH_DEFAULT", EnvVar.Type.INT, true, Optional.of("3"), Optional.empty(),
                Optional.empty(), false, List.of(), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        EnvVar renamed = new EnvVar("NEW_NAME", EnvVar.Type.STRING, true, Optional.empty(), Optional.empty(),
                Optional.empty(), false, List.of(), Optional.empty(), false, Optional.of("OLD_NAME"), Optional.empty(),
                Optional.empty(), Optional.empty());
        EnvVar deprecated = new EnvVar("OLD_FLAG", EnvVar.Type.BOOL, false, Optional.empty(), Optional.empty(),
                Optional.empty(), false, List.of(), Optional.empty(), true, Optional.empty(), Optional.of("2.0.0"),
                Optional.empty(), Optional.empty());
        EnvVar optional = variable("OPTIONAL", EnvVar.Type.STRING, false, false);

        EnvironmentCheck.Report report = EnvironmentCheck.check(List.of(required, defaulted, renamed, deprecated, optional),
                Map.of("OLD_NAME", "x", "OLD_FLAG", "true", "STRAY", "1"), true);

        assertThat(report.verdicts()).extracting(EnvironmentCheck.Verdict::status).containsExactly(
                EnvironmentCheck.Status.MISSING, EnvironmentCheck.Status.DEFAULTED, EnvironmentCheck.Status.RENAMED,
                EnvironmentCheck.Status.DEPRECATED, EnvironmentCheck.Status.UNSET);
        assertThat(report.undeclared()).containsExactly("STRAY");
        assertThat(report.satisfied()).isFalse();
        assertThat(report.failures()).extracting(EnvironmentCheck.Verdict::name).containsExactly("REQUIRED", "NEW_NAME");
    }

    @Test
    void check_secretValue_neverAppearsEvenInPart() {
        EnvVar pattern = new EnvVar("API_KEY", EnvVar.Type.STRING, true, Optional.empty(), Optional.of("sk_[a-z]+"),
                Optional.of(100), true, List.of(), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        EnvVar typed = variable("SECRET_URL", EnvVar.Type.URL, true, true);
        EnvVar choice = new EnvVar("SECRET_MODE", EnvVar.Type.ENUM, true, Optional.empty(), Optional.empty(),
                Optional.empty(), true, List.of("a", "b"), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        EnvironmentCheck.Report report = EnvironmentCheck.check(List.of(pattern, typed, choice),
                Map.of("API_KEY", SECRET, "SECRET_URL", SECRET, "SECRET_MODE", SECRET), true);

        assertThat(report.failures()).hasSize(3);
        String everything = report.toString() + GantryJson.write(report);
        for (int i = 0; i + 6 <= SECRET.length(); i++) {
            assertThat(everything).doesNotContain(SECRET.substring(i, i + 6));
        }
    }
}
