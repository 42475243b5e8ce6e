package dev.gantry.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.ReleasePlan;
import dev.gantry.testing.TestPlans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignOffRulesTest {
    private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
    private static final String PLAN = TestPlans.HEAD + """
            roles:
              engineering-lead: { title: Engineering Lead, members: [erin, olivia] }
              qa-lead: { title: QA Lead }
              security: { title: Security, members: [sam] }
            signoffs: [engineering-lead, qa-lead, security]
            """;

    @TempDir
    Path dir;

    private ReleasePlan plan;
    private String hash;

    @BeforeEach
    void load() throws IOException {
        plan = TestPlans.write(dir, PLAN);
        hash = PlanHash.of(dir.resolve("release.yaml"));
    }

    private SignOff by(String role, String person) {
        return new SignOff(role, person, T, hash);
    }

    @Nested
    class Refusal {
        @Test
        void refusal_memberSignsRequiredRole_isNone() {
            assertThat(SignOffRules.refusal(plan, hash, List.of(), by("engineering-lead", "erin"))).isEmpty();
        }

        @Test
        void refusal_roleNotRequired_namesTheRequiredRoles() {
            assertThat(SignOffRules.refusal(plan, hash, List.of(), by("product-owner", "pat")))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("engineering-lead, qa-lead, security"));
        }

        @Test
        void refusal_personSignedAnotherRole_saysEachRoleNeedsADifferentPerson() {
            assertThat(SignOffRules.refusal(plan, hash, List.of(by("qa-lead", "olivia")), by("engineering-lead", "Olivia")))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("different person"));
        }

        @Test
        void refusal_notAMemberOfTheRole_namesTheMembers() {
            assertThat(SignOffRules.refusal(plan, hash, List.of(), by("security", "erin")))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("its members are sam"));
        }

        @Test
        void refusal_roleAlreadySigned_namesWhoSigned() {
            assertThat(SignOffRules.refusal(plan, hash, List.of(by("qa-lead", "quinn")), by("qa-lead", "quentin")))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("already signed by quinn"));
        }

        @Test
        void refusal_ownerSigningTheOnlyRole_isRefused() {
            ReleasePlan single = TestPlans.write(dir, TestPlans.HEAD + "roles: { qa-lead: QA Lead }\nsignoffs: [qa-lead]\n");

            assertThat(SignOffRules.refusal(single, hash, List.of(), by("qa-lead", "olivia")))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("cannot sign every role alone"));
        }

        @Test
        void refusal_signOffOfAnotherRevision_isRefused() {
            assertThat(SignOffRules.refusal(plan, hash, List.of(), new SignOff("qa-lead", "quinn", T, "sha256:old")))
                    .isPresent();
        }
    }

    @Nested
    class Status {
        @Test
        void status_someSigned_listsTheOutstandingRoles() {
            SignOffStatus status = SignOffRules.status(plan, hash, List.of(by("qa-lead", "quinn")));

            assertThat(status.outstanding()).containsExactly("engineering-lead", "security");
            assertThat(status.complete()).isFalse();
        }

        @Test
        void status_planChangedAfterSigning_voidsEverySignOff() throws IOException {
            List<SignOff> signed = List.of(by("engineering-lead", "erin"), by("qa-lead", "quinn"), by("security", "sam"));
            assertThat(SignOffRules.status(plan, hash, signed).complete()).isTrue();

            Files.writeString(dir.resolve("release.yaml"), PLAN + "# moved launch review\n");
            String changed = PlanHash.of(dir.resolve("release.yaml"));
            SignOffStatus status = SignOffRules.status(plan, changed, signed);

            assertThat(changed).isNotEqualTo(hash).startsWith("sha256:");
            assertThat(status.voided()).hasSize(3);
            assertThat(status.outstanding()).containsExactly("engineering-lead", "qa-lead", "security");
        }
    }
}
