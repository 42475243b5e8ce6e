package dev.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.freeze.FreezeStatus;
import dev.gantry.gate.Verdict;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.signoff.SignOffStatus;
import dev.gantry.testing.TestHttpServer;
import dev.gantry.testing.TestHttpServer.Answer;
import dev.gantry.testing.TestPlans;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployRunnerTest {
    @TempDir
    Path dir;

    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private TestHttpServer app;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final List<Approvals.ApprovalRequest> asked = new ArrayList<>();

    @BeforeEach
    void start() {
        app = TestHttpServer.start()
                .on("/health", exchange -> healthy.get() ? Answer.of(200, "ok") : Answer.of(503, "down"))
                .on("/version", exchange -> Answer.of(200, "{\"version\":\"2.0.0\"}"))
                .on("/outage/start", exchange -> {
                    healthy.set(false);
                    return Answer.of(200, "down now");
                })
                .on("/outage/end", exchange -> {
                    healthy.set(true);
                    return Answer.of(200, "up again");
                });
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private ReleasePlan plan(String stages) {
        return TestPlans.write(dir, TestPlans.HEAD + """
                roles: { engineering-lead: { title: Engineering Lead } }
                deploy:
                  healthUrl: "${APP}/health"
                  probeInterval: 100ms
                  zeroDowntime: true
                  stages:
                """ + stages.indent(4) + """
                rollback:
                  steps:
                    - { name: Promote previous, run: "echo promoting ${release.previous}" }
                    - { name: Verify, http: { url: "${APP}/health", expect: 200 } }
                """);
    }

    private DeployRunner runner(Approvals approvals) {
        return DeployRunner.builder()
                .variables(name -> Optional.ofNullable(Map.of("APP", app.url()).get(name)))
                .approvals(request -> {
                    asked.add(request);
                    return approvals.ask(request);
                })
                .listener(new RunListener() {
                    @Override
                    public void output(String line) {
                        output.add(line);
                    }
                })
                .build();
    }

    private static final String STAGING = """
            - name: staging
              steps:
                - { name: Deploy, run: "echo deploying ${release.version} to ${stage.name}" }
                - { name: Verify version, http: { url: "${APP}/version", expect: 200, bodyContains: "2.0.0" } }
            """;

    @Nested
    class Deploying {
        @Test
        void deploy_healthyStaging_runsStepsInOrderStreamingOutputWithZeroFailedProbes() {
            RunLog log = runner(Approvals.REFUSE).deploy(plan(STAGING), Optional.empty(), Optional.empty());

            assertThat(log.succeeded()).isTrue();
            assertThat(log.steps()).extracting(StepRecord::step).containsExactly("Deploy", "Verify version");
            assertThat(output).contains("deploying 2.0.0 to staging");
            assertThat(log.probe()).hasValueSatisfying(probe -> {
                assertThat(probe.probes()).isPositive();
                assertThat(probe.failed()).isZero();
            });
        }

        @Test
        void deploy_failingStep_stopsThereAndSkipsTheRest() {
            RunLog log = runner(Approvals.REFUSE).deploy(plan("""
                    - name: staging
                      steps:
                        - { name: Migrate, run: "echo migration failed >&2; exit 3" }
                        - { name: Deploy, run: "echo should not run" }
                    """), Optional.empty(), Optional.empty());

            assertThat(log.succeeded()).isFalse();
            assertThat(log.steps()).extracting(StepRecord::step).containsExactly("Migrate");
            assertThat(log.summary()).contains("step 'Migrate' of stage 'staging' failed: exit code 3");
            assertThat(output).contains("migration failed").doesNotContain("should not run");
        }

        @Test
        void deploy_stageNeedingApprovalRefused_runsNoStepOfIt() {
            RunLog log = runner(Approvals.REFUSE).deploy(plan(STAGING + """
                    - name: production
                      production: true
                      approval: engineering-lead
                      steps:
                        - { name: Promote, run: "echo promoted" }
                    """), Optional.empty(), Optional.empty());

            assertThat(log.succeeded()).isFalse();
            assertThat(log.summary()).contains("stage 'production' was not approved");
            assertThat(output).doesNotContain("promoted");
            assertThat(asked).extracting(Approvals.ApprovalRequest::role).containsExactly(Optional.of("engineering-lead"));
        }

        @Test
        void deploy_onlyTheApprovedStage_recordsWhoApproved() {
            RunLog log = runner(request -> Optional.of("erin")).deploy(plan(STAGING + """
                    - name: production
                      production: true
                      approval: engineering-lead
                      steps:
                        - { name: Promote, run: "echo promoted" }
                    """), Optional.of("production"), Optional.of("hotfix INC-7"));

            assertThat(log.succeeded()).isTrue();
            assertThat(log.steps()).extracting(StepRecord::detail).containsExactly("approved by erin", "exit code 0");
            assertThat(log.override()).contains("hotfix INC-7");
        }

        @Test
        void deploy_healthDownWhileStepsRun_failsTheRunWithFailedProbesAndAGap() {
            RunLog log = runner(Approvals.REFUSE).deploy(plan("""
                    - name: production
                      steps:
                        - { name: Stop old version, http: { url: "${APP}/outage/start", expect: 200 } }
                        - { name: Start new version, run: "sleep 1" }
                        - { name: Traffic back, http: { url: "${APP}/outage/end", expect: 200 } }
                        - { name: Settle, run: "sleep 0.3" }
                    """), Optional.empty(), Optional.empty());

            assertThat(log.steps()).allMatch(step -> step.status() == StepRecord.Status.SUCCEEDED);
            assertThat(log.succeeded()).isFalse();
            assertThat(log.summary()).contains("zero-downtime probe saw").contains("more than the 0 allowed");
            ProbeReport probe = log.probe().orElseThrow();
            assertThat(probe.failed()).isPositive();
            assertThat(probe.longestGap()).isPositive();
        }
    }

    @Test
    void rollback_runsTheRollbackStepsWithTheFacts() {
        RunLog log = runner(Approvals.REFUSE).rollback(plan(STAGING), Optional.empty());

        assertThat(log.kind()).isEqualTo(RunLog.Kind.ROLLBACK);
        assertThat(log.succeeded()).isTrue();
        assertThat(output).contains("promoting 1.9.0");
    }

    @Nested
    class Guard {
        private final FreezeStatus open = new FreezeStatus.Open(LocalDate.parse("2026-02-23"),
                LocalDate.parse("2026-03-03"), LocalDate.parse("2026-02-01"));
        private final FreezeStatus frozen = new FreezeStatus.Frozen(LocalDate.parse("2026-02-23"),
                LocalDate.parse("2026-03-03"), List.of());

        private final SignOffStatus signed = new SignOffStatus("sha256:1", List.of(), List.of(), List.of());

        private List<dev.gantry.plan.Deploy.Stage> production() {
            return plan(STAGING + """
                    - name: production
                      production: true
                      steps: [{ name: Promote, run: "true" }]
                    """).deploy().stages();
        }

        @Test
        void refusal_productionWithNoGo_refusesNamingTheVerdict() {
            assertThat(ProductionGuard.refusal(production(), Verdict.NO_GO, signed, open, Optional.empty()))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("NO-GO"));
        }

        @Test
        void refusal_productionInsideTheFreeze_refusesSayingUntilWhen() {
            assertThat(ProductionGuard.refusal(production(), Verdict.GO, signed, frozen, Optional.empty()))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("until 2026-03-03"));
        }

        @Test
        void refusal_signOffsOutstanding_refusesNamingTheRoles() {
            SignOffStatus missing = new SignOffStatus("sha256:1", List.of(), List.of(), List.of("qa-lead", "security"));

            assertThat(ProductionGuard.refusal(production(), Verdict.GO, missing, open, Optional.empty()))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("outstanding", "qa-lead, security"));
        }

        @Test
        void refusal_overriddenWithAReason_allows() {
            assertThat(ProductionGuard.refusal(production(), Verdict.NO_GO, signed, frozen, Optional.of("outage fix"))).isEmpty();
        }

        @Test
        void refusal_stagingOnly_allowsWhateverTheVerdict() {
            assertThat(ProductionGuard.refusal(production().subList(0, 1), Verdict.NO_GO, signed, frozen, Optional.empty()))
                    .isEmpty();
        }
    }
}
