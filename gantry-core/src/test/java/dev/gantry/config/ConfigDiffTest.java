package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {
    static ConfigTree tree(String yaml) {
        return ((ConfigTree.Result.Read) ConfigTree.parse(yaml)).tree();
    }

    static List<String> diff(String before, String after) {
        return ConfigDiff.between(tree(before), tree(after)).stream()
                .map(finding -> finding.classification() + " " + finding.kind() + " " + finding.path()).toList();
    }

    @Test
    void between_reorderedNamedListItems_isNoChange() {
        assertThat(diff("containers: [{ name: a, image: x }, { name: b, image: y }]",
                "containers: [{ name: b, image: y }, { name: a, image: x }]")).isEmpty();
    }

    @Test
    void between_classifiesEachKindOfChange() {
        String before = """
                spec:
                  port: 8080
                  limits: { memory: 1Gi, cpu: "2" }
                  timeoutSeconds: 300
                  logLevel: info
                  oldName: value-kept
                  replicas: 3
                  env:
                    - { name: KEEP, value: a }
                    - { name: DROP, value: b }
                """;
        String after = """
                spec:
                  port: 9000
                  limits: { memory: 512Mi, cpu: "4" }
                  timeoutSeconds: "300"
                  logLevel: debug
                  newName: value-kept
                  replicas: 5
                  env:
                    - { name: KEEP, value: changed }
                    - { name: TOKEN, valueFrom: { secretKeyRef: { name: vault, key: token } } }
                """;

        assertThat(diff(before, after)).containsExactlyInAnyOrder(
                "BREAKING port-changed spec.port",
                "BREAKING limit-lowered spec.limits.memory",
                "COMPATIBLE changed spec.limits.cpu",
                "BREAKING type-changed spec.timeoutSeconds",
                "COMPATIBLE changed spec.logLevel",
                "BREAKING renamed spec.oldName",
                "COMPATIBLE changed spec.replicas",
                "COMPATIBLE env-changed env KEEP",
                "BREAKING env-removed env DROP",
                "BREAKING env-added env TOKEN");
    }

    @Test
    void between_neverShowsEnvOrSensitiveValues() {
        List<ConfigDiff.Finding> findings = ConfigDiff.between(
                tree("env: [{ name: API, value: hunter2-old }]\ndb: { password: pw-old-123 }"),
                tree("env: [{ name: API, value: hunter2-new }]\ndb: { password: pw-new-456 }"));

        assertThat(findings).hasSize(2);
        assertThat(findings.toString()).doesNotContain("hunter2").doesNotContain("pw-old").doesNotContain("pw-new");
    }

    @Test
    void quantity_readsKubernetesUnits() {
        assertThat(ConfigDiff.quantity("512Mi")).hasValue(512.0 * 1024 * 1024);
        assertThat(ConfigDiff.quantity("500m")).hasValue(0.5);
        assertThat(ConfigDiff.quantity("lots")).isEmpty();
    }

    @Test
    void parse_brokenYaml_saysWhere() {
        assertThat(ConfigTree.parse("a: [1, 2\nb: 3")).isInstanceOfSatisfying(ConfigTree.Result.Unreadable.class,
                unreadable -> assertThat(unreadable.reason()).startsWith("line "));
    }
}
