package dev.gantry.gate;

import java.util.List;
import java.util.Objects;

/** Short ways for evaluators to build results, and the validation results share. */
final class Results {
    private Results() {}

    static CheckResult pass(String reason, List<String> evidence) {
        return new CheckResult.Pass(reason, evidence);
    }

    static CheckResult fail(String reason, List<String> evidence) {
        return new CheckResult.Fail(reason, evidence);
    }

    static CheckResult fail(String reason) {
        return new CheckResult.Fail(reason, List.of());
    }

    static CheckResult error(String reason) {
        return new CheckResult.Error(reason, List.of());
    }

    static String reason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a result says why in words");
        }
        return reason;
    }
}
