package dev.gantry.flags;

/** Why an evaluation produced its value. */
public enum Reason {
    /** the flag is off; the off variation is served */
    OFF,
    /** the targeting key is listed in an individual target */
    TARGET_MATCH,
    /** a rule matched (fixed variation or a split inside the rule); see {@link EvaluationDetail#ruleId()} */
    RULE_MATCH,
    /** no target or rule matched and the fallthrough is a weighted split */
    SPLIT,
    /** no target or rule matched and the fallthrough is a fixed variation */
    DEFAULT,
    /** a prerequisite was off or served another variation; the off variation is served */
    PREREQUISITE_FAILED,
    /** the caller's default value is returned; see {@link EvaluationDetail#errorCode()} */
    ERROR
}
