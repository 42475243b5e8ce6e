package dev.gantry.migrate.sql;

/**
 * What one statement does to the previous application version, and how to undo it.
 *
 * @param change expand, contract or destructive
 * @param what a short description naming the objects, empty for statements that change nothing
 * @param line the statement's line
 * @param inverse the inverse statement, empty when none is needed or none can be derived
 * @param irreversible why no inverse can be derived, empty when one can (or none is needed)
 */
record Effect(ChangeClass change, String what, int line, String inverse, String irreversible) {
    static Effect neutral(int line) {
        return new Effect(ChangeClass.EXPAND, "", line, "", "");
    }

    static Effect invertible(ChangeClass change, String what, int line, String inverse) {
        return new Effect(change, what, line, inverse, "");
    }

    static Effect irreversible(ChangeClass change, String what, int line, String why) {
        return new Effect(change, what, line, "", why);
    }
}
