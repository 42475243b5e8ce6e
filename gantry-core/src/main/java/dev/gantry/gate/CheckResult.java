package dev.gantry.gate;

import java.util.List;

/**
 * What one check found: a status, the reason in words, and the evidence behind it (values
 * measured, files read, who did what). Never holds a secret: evaluators show URLs as written in
 * the plan, never resolved.
 */
public sealed interface CheckResult {
    /** The outcome. */
    CheckStatus status();

    /** Why, in one sentence a person can act on. */
    String reason();

    /** Facts behind the outcome, one per line. */
    List<String> evidence();

    /** The check holds. */
    record Pass(String reason, List<String> evidence) implements CheckResult {
        public Pass {
            reason = Results.reason(reason);
            evidence = List.copyOf(evidence);
        }

        @Override
        public CheckStatus status() {
            return CheckStatus.PASS;
        }
    }

    /** The check does not hold. */
    record Fail(String reason, List<String> evidence) implements CheckResult {
        public Fail {
            reason = Results.reason(reason);
            evidence = List.copyOf(evidence);
        }

        @Override
        public CheckStatus status() {
            return CheckStatus.FAIL;
        }
    }

    /** The check holds only partly. */
    record Warn(String reason, List<String> evidence) implements CheckResult {
        public Warn {
            reason = Results.reason(reason);
            evidence = List.copyOf(evidence);
        }

        @Override
        public CheckStatus status() {
            return CheckStatus.WARN;
        }
    }

    /** Waiting for a person. */
    record Pending(String reason, List<String> evidence) implements CheckResult {
        public Pending {
            reason = Results.reason(reason);
            evidence = List.copyOf(evidence);
        }

        @Override
        public CheckStatus status() {
            return CheckStatus.PENDING;
        }
    }

    /** The check could not be evaluated. */
    record Error(String reason, List<String> evidence) implements CheckResult {
        public Error {
            reason = Results.reason(reason);
            evidence = List.copyOf(evidence);
        }

        @Override
        public CheckStatus status() {
            return CheckStatus.ERROR;
        }
    }

    /** The check was not run here. */
    record Skipped(String reason, List<String> evidence) implements CheckResult {
        public Skipped {
            reason = Results.reason(reason);
            evidence = List.copyOf(evidence);
        }

        @Override
        public CheckStatus status() {
            return CheckStatus.SKIPPED;
        }
    }
}
