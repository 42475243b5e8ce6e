package dev.gantry.flags;

/** Why an evaluation failed and returned the caller's default value. */
public enum ErrorCode {
    /** no flag with that key in the current snapshot (or no snapshot yet) */
    FLAG_NOT_FOUND,
    /** the flag's type is not the type the caller asked for */
    TYPE_MISMATCH,
    /** the flag cannot be evaluated, for example because of a prerequisite cycle */
    MALFORMED_FLAG
}
