package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanLoaderTest {
    static final String MINIMAL = """
            apiVersion: gantry/v1
            release: { product: shop, version: 2.0.0, owner: ana, target: 2026-06-01 }
            """;

    @TempDir
    Path dir;

    LoadResult load(String text) {
        return PlanLoader.load("release.yaml", text, dir);
    }

    ReleasePlan valid(String text) {
        LoadResult result = load(text);
        assertThat(result).as("problems: %s", result instanceof LoadResult.Invalid i ? i.problems() : "none")
                .isInstanceOf(LoadResult.Valid.class);
        return ((LoadResult.Valid) result).plan();
    }

    List<String> problems(String text) {
        LoadResult result = load(text);
        assertThat(result).isInstanceOf(LoadResult.Invalid.class);
        return ((LoadResult.Invalid) result).problems().stream().map(Problem::format).toList();
    }

    @Nested
    class WithoutFiles {
        static final String TEMPLATE_PLAN = MINIMAL + """
                communications: [{ id: mail, audience: existing-users, medium: email, when: D-7, template: templates/missing.md }]
                """;

        @Test
        void loadWithoutFiles_missingReferencedFile_valid() {
            assertThat(problems(TEMPLATE_PLAN)).anySatisfy(p -> assertThat(p).contains("does not exist next to the plan"));
            assertThat(PlanLoader.loadWithoutFiles("release.yaml", TEMPLATE_PLAN)).isInstanceOf(LoadResult.Valid.class);
        }

        @Test
        void loadWithoutFiles_otherProblems_stillReported() {
            LoadResult r = PlanLoader.loadWithoutFiles("release.yaml", TEMPLATE_PLAN.replace("owner: ana", "ownr: ana"));
            assertThat(r).isInstanceOf(LoadResult.Invalid.class);
            assertThat(((LoadResult.Invalid) r).problems()).extracting(Problem::format)
                    .anySatisfy(p -> assertThat(p).startsWith("release.yaml:2:"));
        }
    }

    @Nested
    class ValidPlans {
        @Test
        void load_minimalPlan_fillsDefaults() {
            ReleasePlan plan = valid(MINIMAL);

            assertThat(plan.release().product()).isEqualTo("shop");
            assertThat(plan.release().type()).isEqualTo(Release.Type.MINOR);
            assertThat(plan.freeze().start().text()).isEqualTo("D-7");
            assertThat(plan.freeze().end().text()).isEqualTo("D+1");
            assertThat(plan.postLaunch().criticalBugWindow()).hasHours(48);
            assertThat(plan.rollout()).isEmpty();
        }

        @Test
        void load_anchorsAliasesAndMergeKeys_resolveLikeWrittenOut() {
            ReleasePlan plan = valid(MINIMAL + """
                    flags: [{ key: f }]
                    rollout:
                      flag: f
                      phases:
                        - &canary { percent: 10, hold: 2h, minSample: 100 }
                        - { <<: *canary, percent: 100, hold: 1d }
                    """);

            List<Rollout.Phase> phases = plan.rollout().orElseThrow().phases();
            assertThat(phases.get(1).percent()).isEqualTo(100);
            assertThat(phases.get(1).minSample()).as("merged from the anchor").isEqualTo(100);
            assertThat(phases.get(1).hold()).as("explicit keys win over merged ones").hasValue(java.time.Duration.ofDays(1));
        }

        @Test
        void load_configValue_keepsReferenceAndHidesInlineSecret() {
            ReleasePlan plan = valid(MINIMAL + """
                    notifications:
                      slack: { type: slack, url: "${SLACK_URL}" }
                      hook: { type: webhook, url: "https://hooks.example.com/T000/B000/very-secret" }
                    """);

            assertThat(plan.notifications().get(0).url().orElseThrow().redacted()).isEqualTo("${SLACK_URL}");
            assertThat(plan.notifications().get(1).url().orElseThrow().toString()).isEqualTo("<hidden>")
                    .doesNotContain("very-secret");
        }
    }

    @Nested
    class Mistakes {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "unknown key suggests nearest | release: { product: shop, versoin: 2.0.0, owner: ana, target: 2026-06-01 } | 2:27 | unknown key 'versoin' in release; did you mean 'version'?",
            "missing required field | release: { product: shop, owner: ana, target: 2026-06-01 } | 2:10 | release is missing 'version'; add 'version: 1.2.0'",
            "wrong type | release: [shop] | 2:10 | release should be a map of fields, but it is a list",
            "bad enum suggests nearest | release: { product: shop, version: 2.0.0, owner: ana, target: 2026-06-01, type: majr } | 2:81 | release.type cannot be 'majr'; did you mean 'major'?",
            "bad date | release: { product: shop, version: 2.0.0, owner: ana, target: 01/06/2026 } | 2:63 | release.target should be a date, but it is '01/06/2026'",
        })
        void load_releaseMistake_isReportedWhereItStands(String name, String release, String position, String message) {
            List<String> problems = problems("apiVersion: gantry/v1\n" + release + "\n");

            assertThat(problems).anySatisfy(problem -> assertThat(problem)
                    .startsWith("release.yaml:" + position + ": ").contains(message));
        }

        @Test
        void load_badDurationAndDay_sayWhatFormsAreAccepted() {
            List<String> problems = problems(MINIMAL + """
                    milestones: [{ id: M1, name: Done, due: D-7d }]
                    flags: [{ key: f }]
                    rollout: { flag: f, phases: [{ percent: 10, hold: 5 minutes }] }
                    """);

            assertThat(problems).containsExactly(
                    "release.yaml:3:41: milestones[0].due should be a release day, but it is 'D-7d'; write D0 for launch day, "
                            + "D-7 for a week before, D+7 for a week after, or a date YYYY-MM-DD",
                    "release.yaml:5:51: rollout.phases[0].hold should be a duration, but it is '5 minutes'; write a number "
                            + "and a unit: 250ms, 30s, 5m, 2h, 7d, 2w (or combined, 1h30m)");
        }

        @Test
        void load_duplicateIds_reportSecondWithFirstPosition() {
            List<String> problems = problems(MINIMAL + """
                    milestones:
                      - { id: M1, name: A, due: D-7 }
                      - { id: M1, name: B, due: D-3 }
                    """);

            assertThat(problems).containsExactly("release.yaml:5:11: duplicate milestone id 'M1' (first declared at line 4, "
                    + "column 11); give each milestone its own id");
        }

        @Test
        void load_danglingReferences_suggestDeclaredIds() {
            List<String> problems = problems(MINIMAL + """
                    roles: { engineering-lead: Engineering Lead }
                    signoffs: [engineering-lead, qa-lead]
                    flags: [{ key: release-2 }]
                    notifications: { slack: { type: slack, url: "${SLACK}" } }
                    rollout:
                      flag: release-3
                      phases: [{ percent: 10, approval: engineering-leed }, { percent: 100 }]
                      guards: [{ id: e, query: q, when: "> 1%", action: notify, notify: [slak] }]
                    """);

            assertThat(problems).containsExactly(
                    "release.yaml:4:30: signoffs[1] refers to role 'qa-lead', which the plan does not declare; "
                            + "declare it under 'roles' or use one of: engineering-lead",
                    "release.yaml:8:9: rollout.flag refers to flag 'release-3', which the plan does not declare; did you mean 'release-2'?",
                    "release.yaml:9:37: rollout.phases[0].approval refers to role 'engineering-leed', which the plan does not "
                            + "declare; did you mean 'engineering-lead'?",
                    "release.yaml:10:70: rollout.guards[0].notify[0] refers to notification channel 'slak', which the plan "
                            + "does not declare; did you mean 'slack'?");
        }

        @Test
        void load_phasesThatDoNotRise_areReported() {
            List<String> problems = problems(MINIMAL + """
                    flags: [{ key: f }]
                    rollout:
                      flag: f
                      phases: [{ percent: 50 }, { percent: 10 }, { percent: 120 }]
                    """);

            assertThat(problems).containsExactly(
                    "release.yaml:6:40: rollout.phases[1].percent 10 does not increase on the phase before (50); order the "
                            + "phases by rising percentage, e.g. 10, 50, 100",
                    "release.yaml:6:57: rollout.phases[2].percent is 120, outside 0 to 100; give each phase a share above 0 "
                            + "and at most 100");
        }

        @Test
        void load_interpolationOutsideDocumentedFields_isRefused() {
            List<String> problems = problems(MINIMAL.replace("owner: ana", "owner: \"${OWNER}\""));

            assertThat(problems).singleElement().asString()
                    .startsWith("release.yaml:2:50: release.owner cannot use ${...} interpolation;");
        }

        @Test
        void load_fiveDifferentMistakes_givesFivePreciseProblems() throws IOException {
            Path plan = copyFixture("five-mistakes.yaml");

            LoadResult result = PlanLoader.load(plan);

            List<String> lines = ((LoadResult.Invalid) result).problems().stream()
                    .map(problem -> problem.line() + ":" + problem.column()).toList();
            assertThat(lines).containsExactly("4:3", "5:10", "8:32", "12:33", "15:5");
        }

        @Test
        void load_missingFile_saysSoWithoutThrowing() {
            LoadResult result = PlanLoader.load(dir.resolve("nope.yaml"));

            assertThat(((LoadResult.Invalid) result).problems()).singleElement().asString().endsWith("no such file; "
                    + "check the path; plans are usually at release.yaml");
        }

        @Test
        void load_missingReferencedFiles_areReported() {
            List<String> problems = problems(MINIMAL + """
                    migrations: { dir: db/migrations }
                    communications: [{ id: c, audience: all, medium: email, when: D-1, template: templates/missing.md }]
                    """);

            assertThat(problems).containsExactly(
                    "release.yaml:3:20: migrations.dir names 'db/migrations', which is not a directory next to the plan; "
                            + "create the directory or correct the path (relative to the plan's directory)",
                    "release.yaml:4:78: communications[0].template names 'templates/missing.md', which does not exist next "
                            + "to the plan; create the file or correct the path (relative to the plan's directory)");
        }
    }

    @Nested
    class HostileYaml {
        @Test
        @Timeout(value = 10, unit = TimeUnit.SECONDS) // a hang guard, not a speed claim
        void load_billionLaughs_isRefusedWithoutExpanding() {
            StringBuilder text = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
            for (char c = 'b'; c <= 'i'; c++) {
                char previous = (char) (c - 1);
                text.append(c).append(": &").append(c).append(" [");
                for (int i = 0; i < 9; i++) {
                    text.append(i == 0 ? "" : ",").append('*').append(previous);
                }
                text.append("]\n");
            }

            List<String> problems = problems(text.toString());

            assertThat(problems).singleElement().asString().contains("aliases");
        }

        @Test
        @Timeout(value = 10, unit = TimeUnit.SECONDS)
        void load_aliasesThatMultiplyWithinTheLimit_areRefusedByExpandedSize() {
            StringBuilder text = new StringBuilder("l0: &l0 [x, x, x, x]\n");
            for (int level = 1; level <= 40; level++) {
                text.append("l").append(level).append(": &l").append(level).append(" [*l").append(level - 1)
                        .append(", *l").append(level - 1).append("]\n");
            }

            List<String> problems = problems(text.toString());

            assertThat(problems).singleElement().asString()
                    .contains("expands to more than 200000 nodes when its aliases are followed");
        }

        @Test
        @Timeout(value = 10, unit = TimeUnit.SECONDS)
        void load_tenMegabyteFile_isRefusedBySize() throws IOException {
            Path big = dir.resolve("big.yaml");
            Files.writeString(big, "apiVersion: gantry/v1\nnotes: \"" + "x".repeat(10 * 1024 * 1024) + "\"\n");

            LoadResult result = PlanLoader.load(big);

            assertThat(((LoadResult.Invalid) result).problems()).singleElement().asString()
                    .contains("larger than the 2 MiB a release plan may be");
        }

        @Test
        void load_deepNesting_isRefused() {
            String deep = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";

            assertThat(problems(deep)).singleElement().asString().contains("nests deeper than");
        }

        @Test
        void load_syntaxError_pointsAtIt() {
            List<String> problems = problems("apiVersion: gantry/v1\nrelease:\n\tproduct: shop\n");

            assertThat(problems).singleElement().asString().startsWith("release.yaml:3:1: this is not valid YAML")
                    .endsWith("indent with spaces, not tabs");
        }

        @Test
        void load_twoDocuments_isRefused() {
            assertThat(problems(MINIMAL + "---\n" + MINIMAL)).singleElement().asString()
                    .contains("more than one YAML document");
        }

        @Test
        void load_duplicateKey_showsBothPlaces() {
            List<String> problems = problems(MINIMAL + "apiVersion: gantry/v1\n");

            assertThat(problems).containsExactly("release.yaml:3:1: duplicate key 'apiVersion' (first at line 1, column 1); "
                    + "keep one of them; YAML does not merge repeated keys");
        }

        @Test
        void load_emptyOrScalarDocument_saysWhatAPlanLooksLike() {
            assertThat(problems("")).singleElement().asString().contains("the file is empty");
            assertThat(problems("just text")).singleElement().asString()
                    .contains("the plan should be a map of fields, but it is the string 'just text'");
        }
    }

    private Path copyFixture(String name) throws IOException {
        Path target = dir.resolve(name);
        try (var in = PlanLoaderTest.class.getResourceAsStream("/plans/" + name)) {
            Files.write(target, in.readAllBytes());
        }
        return target;
    }
}
