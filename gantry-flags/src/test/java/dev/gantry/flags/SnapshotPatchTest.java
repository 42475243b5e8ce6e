package dev.gantry.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SnapshotPatchTest {
    private final Snapshot base = Fixtures.example();

    private static Map<String, Flag> byKey(Snapshot s) {
        return s.flags().stream().collect(Collectors.toMap(Flag::key, Function.identity()));
    }

    @Test
    void apply_diffOfTwoSnapshots_reproducesTheTarget() {
        Flag checkout = base.flag("new-checkout").orElseThrow();
        Flag turnedOff = new Flag(checkout.key(), checkout.type(), false, checkout.salt(), checkout.variations(),
                checkout.offVariation(), checkout.prerequisites(), checkout.targets(), checkout.rules(), checkout.fallthrough());
        Flag added = new Flag("kill-switch", FlagType.BOOLEAN, true, "kill-switch",
                List.of(new Variation("on", JsonValue.of(true)), new Variation("off", JsonValue.of(false))), "off",
                List.of(), List.of(), List.of(), new Serve.Fixed("off"));
        List<Flag> flags = new java.util.ArrayList<>(base.flags());
        flags.set(0, turnedOff);
        flags.removeIf(f -> f.key().equals("banner"));
        flags.add(added);
        Snapshot target = Snapshot.of("43", flags, base.segments());

        String patch = SnapshotPatch.diff(base, target);
        Snapshot result = SnapshotPatch.apply(base, patch);

        assertThat(patch).contains("\"baseVersion\":\"42\"", "\"version\":\"43\"", "\"deletedFlags\":[\"banner\"]",
                "\"deletedSegments\":[]", "\"segments\":[]");
        assertThat(patch).doesNotContain("\"key\":\"checkout-theme\"");
        assertThat(result.version()).isEqualTo("43");
        assertThat(byKey(result)).isEqualTo(byKey(target));
        assertThat(result.segments()).isEqualTo(target.segments());
        assertThat(result.booleanDetail("new-checkout", EvaluationContext.of("qa-alice"), true).reason()).isEqualTo(Reason.OFF);
    }

    @Test
    void apply_patchForAnotherVersion_isRefusedNamingBoth() {
        String patch = "{\"baseVersion\":\"41\",\"version\":\"43\",\"deletedFlags\":[\"banner\"]}";

        assertThatThrownBy(() -> SnapshotPatch.apply(base, patch))
                .isInstanceOf(SnapshotPatch.BaseMismatchException.class)
                .hasMessage("The patch to version 43 applies to version 41 but version 42 is in force.");
    }

    @Test
    void apply_deletingASegmentStillInUse_isRejectedWithPath() {
        String patch = "{\"baseVersion\":\"42\",\"version\":\"43\",\"deletedSegments\":[\"beta-testers\"]}";

        assertThatThrownBy(() -> SnapshotPatch.apply(base, patch))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("$.flags[2].rules[0].clauses[0].values[0]: no segment with key 'beta-testers'");
    }
}
