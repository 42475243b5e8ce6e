package dev.gantry.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.EnvVar;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContractDiffTest {
    static EnvVar v(String name, EnvVar.Type type, boolean required, String defaultValue, String renamedFrom,
            String pattern, List<String> values) {
        return new EnvVar(name, type, required, Optional.ofNullable(defaultValue), Optional.ofNullable(pattern),
                Optional.empty(), false, values, Optional.empty(), false, Optional.ofNullable(renamedFrom),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    static String summary(List<ContractDiff.Finding> findings) {
        return String.join("\n", findings.stream().map(f -> f.impact() + " " + f.kind() + " " + f.variable()).toList());
    }

    @Test
    void between_classifiesForwardAndRollbackBreaks() {
        List<EnvVar> before = List.of(
                v("KEEP", EnvVar.Type.STRING, true, null, null, null, List.of()),
                v("OLD_SECRET", EnvVar.Type.STRING, true, null, null, null, List.of()),
                v("GONE", EnvVar.Type.STRING, true, null, null, null, List.of()),
                v("OPTIONAL_GONE", EnvVar.Type.STRING, false, null, null, null, List.of()),
                v("COUNT", EnvVar.Type.STRING, false, null, null, null, List.of()),
                v("MODE", EnvVar.Type.ENUM, false, "a", null, null, List.of("a", "b")));
        List<EnvVar> after = List.of(
                v("KEEP", EnvVar.Type.STRING, true, null, null, "[a-z]+", List.of()),
                v("NEW_SECRET", EnvVar.Type.STRING, true, null, "OLD_SECRET", null, List.of()),
                v("ADDED", EnvVar.Type.STRING, true, null, null, null, List.of()),
                v("ADDED_WITH_DEFAULT", EnvVar.Type.STRING, true, "x", null, null, List.of()),
                v("COUNT", EnvVar.Type.INT, false, null, null, null, List.of()),
                v("MODE", EnvVar.Type.ENUM, false, "a", null, null, List.of("a", "c")));

        assertThat(summary(ContractDiff.between(before, after))).isEqualTo("""
                BREAKS_UPGRADE pattern-tightened KEEP
                BREAKS_UPGRADE renamed NEW_SECRET
                BREAKS_UPGRADE added ADDED
                BREAKS_UPGRADE type-changed COUNT
                BREAKS_UPGRADE values-removed MODE
                BREAKS_ROLLBACK renamed NEW_SECRET
                BREAKS_ROLLBACK values-added MODE
                BREAKS_ROLLBACK removed GONE
                COMPATIBLE added ADDED_WITH_DEFAULT
                COMPATIBLE removed OPTIONAL_GONE""");
    }

    @Test
    void between_sameContract_findsNothing() {
        List<EnvVar> contract = List.of(v("A", EnvVar.Type.URL, true, null, null, null, List.of()));

        assertThat(ContractDiff.between(contract, contract)).isEmpty();
    }
}
