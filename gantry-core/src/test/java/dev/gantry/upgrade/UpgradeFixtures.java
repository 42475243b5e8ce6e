package dev.gantry.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.EnvVar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Small builders and the shipped example, shared by the upgrade tests. */
final class UpgradeFixtures {
    private UpgradeFixtures() {}

    static Path platformPlan() {
        return dev.gantry.testing.TestPlans.examples().resolve("platform-v1.2/release.yaml");
    }

    static UpgradePath platformPath(String from, String to) {
        ContractHistory.Load load = ContractHistory.load(platformPlan());
        assertThat(load).isInstanceOf(ContractHistory.Load.Loaded.class);
        UpgradePath.Lookup lookup = UpgradePath.find(((ContractHistory.Load.Loaded) load).history(), version(from), version(to));
        assertThat(lookup).isInstanceOf(UpgradePath.Lookup.Found.class);
        return ((UpgradePath.Lookup.Found) lookup).path();
    }

    static String resource(String name) {
        try (var in = UpgradeFixtures.class.getResourceAsStream("/upgrade/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Version version(String text) {
        return Version.parse(text).orElseThrow();
    }

    static VersionedContract contract(String version, EnvVar... variables) {
        return new VersionedContract(version(version), Path.of("contracts/app-" + version + ".yaml"), List.of(variables));
    }

    static EnvVar required(String name) {
        return variable(name, true, null, null, false);
    }

    static EnvVar optional(String name, String defaultValue) {
        return variable(name, false, defaultValue, null, false);
    }

    static EnvVar renamed(String name, String from) {
        return variable(name, true, null, from, false);
    }

    static EnvVar secret(String name) {
        return variable(name, true, null, null, true);
    }

    static EnvVar variable(String name, boolean required, String defaultValue, String renamedFrom, boolean secret) {
        return new EnvVar(name, EnvVar.Type.STRING, required, Optional.ofNullable(defaultValue), Optional.empty(),
                Optional.empty(), secret, List.of(), Optional.empty(), false, Optional.ofNullable(renamedFrom),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
