package dev.gantry.flags;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    @Nested
    class Parse {
        @Test
        void parse_exampleDocument_readsEveryFlagAndSegment() {
            Snapshot s = Fixtures.example();

            assertThat(s.version()).isEqualTo("42");
            assertThat(s.flags()).extracting(Flag::key)
                    .containsExactly("new-checkout", "checkout-theme", "express-shipping", "max-items", "banner");
            assertThat(s.segments()).extracting(Segment::key).containsExactly("beta-testers");
            assertThat(s.flag("checkout-theme").orElseThrow().salt()).isEqualTo("checkout-theme");
        }

        @Test
        void toJson_roundTrip_yieldsEqualModel() {
            Snapshot s = Fixtures.example();

            Snapshot again = Snapshot.parse(s.toJson());

            assertThat(again.flags()).isEqualTo(s.flags());
            assertThat(again.segments()).isEqualTo(s.segments());
            assertThat(again.version()).isEqualTo(s.version());
        }
    }

    @Nested
    class Evaluate {
        @Test
        void booleanDetail_targetedKey_servesTargetMatch() {
            EvaluationDetail<Boolean> d = Fixtures.example().booleanDetail("new-checkout", EvaluationContext.of("qa-alice"), false);

            assertThat(d.value()).isTrue();
            assertThat(d.reason()).isEqualTo(Reason.TARGET_MATCH);
            assertThat(d.variant()).contains("on");
        }
    }
}
