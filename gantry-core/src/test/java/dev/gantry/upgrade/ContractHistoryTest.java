package dev.gantry.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractHistoryTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void load_platformExample_readsThePlanAndEveryContractOldestFirst() {
        ContractHistory.Load load = ContractHistory.load(UpgradeFixtures.platformPlan());

        assertThat(load).isInstanceOfSatisfying(ContractHistory.Load.Loaded.class, loaded -> assertThat(
                loaded.history().contracts()).extracting(c -> c.version().toString()).containsExactly("1.0.0", "1.1.0", "1.2.0"));
    }

    @Test
    void load_contractWithoutVersion_isAProblemNamingTheFile() throws Exception {
        write("contracts/old.yaml", "environment:\n  A: { required: true }\n");
        Path plan = write("contracts/../plan.yaml", "version: 2.0.0\nenvironment:\n  A: { required: true }\n");

        ContractHistory.Load load = ContractHistory.load(plan);

        assertThat(load).isInstanceOfSatisfying(ContractHistory.Load.Invalid.class, invalid -> assertThat(
                invalid.problems()).singleElement().satisfies(problem -> assertThat(problem.format())
                        .contains("old.yaml").contains("does not say which version").contains("version: X.Y.Z")));
    }

    @Test
    void load_twoDifferentContractsForOneVersion_isAProblem() throws Exception {
        write("contracts/a.yaml", "version: 1.0.0\nenvironment:\n  A: { required: true }\n");
        write("contracts/b.yml", "version: 1.0\nenvironment:\n  B: { required: true }\n");
        Path plan = write("plan.yaml", "version: 2.0.0\nenvironment:\n  A: { required: true }\n");

        ContractHistory.Load load = ContractHistory.load(plan);

        assertThat(load).isInstanceOfSatisfying(ContractHistory.Load.Invalid.class, invalid -> assertThat(
                invalid.problems().getFirst().message()).contains("version 1.0").contains("a.yaml").contains("differs"));
    }

    @Test
    void load_noContractsFolder_holdsOnlyThePlan() throws Exception {
        Path plan = write("plan.yaml", "version: 2.0.0\nenvironment:\n  A: { required: true }\n");

        ContractHistory.Load load = ContractHistory.load(plan);

        assertThat(load).isInstanceOfSatisfying(ContractHistory.Load.Loaded.class, loaded -> {
            assertThat(loaded.history().contracts()).hasSize(1);
            assertThat(loaded.history().files()).containsExactly(plan);
        });
    }
}
