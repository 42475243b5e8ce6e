package dev.gantry.migrate.sql;

import java.util.List;
import java.util.Set;

/** The type-hygiene rules: bigint over int/smallint, identity over serial, text, timestamptz, no char. */
final class TypeHygiene {
    private static final Set<String> INT = Set.of("int", "integer", "int4", "serial", "serial4");
    private static final Set<String> SMALLINT = Set.of("smallint", "int2", "smallserial", "serial2");
    private static final Set<String> SERIAL = Set.of("serial", "serial2", "serial4", "serial8", "smallserial", "bigserial");
    private static final Set<String> CHAR = Set.of("char", "character", "bpchar", "nchar");

    private TypeHygiene() {}

    /** Checks one column type; {@code column} names the column in messages. */
    static void check(List<Token> type, String column, FileAnalyzer out) {
        if (type.isEmpty()) {
            return;
        }
        int start = 0;
        for (int i = 0; i + 1 < type.size(); i++) {
            if (type.get(i + 1).isPunct(".")) {
                start = i + 2;
            }
        }
        if (start >= type.size()) {
            return;
        }
        Token at = type.get(start);
        if (!at.isIdentifier()) {
            return;
        }
        String base = at.identifier();
        boolean varying = Cursor.containsWord(type, "VARYING");
        boolean hasLength = type.size() > start + 1 && (type.get(start + 1).isPunct("(") || (varying && Cursor.containsTopLevelPunct(type, "(")));
        if (INT.contains(base)) {
            out.report(Rules.BIGINT_OVER_INT, at, "column " + column + " is " + at.text() + " (32-bit); use bigint");
        }
        if (SMALLINT.contains(base)) {
            out.report(Rules.BIGINT_OVER_SMALLINT, at, "column " + column + " is " + at.text() + " (16-bit); use bigint");
        }
        if (SERIAL.contains(base)) {
            out.report(Rules.IDENTITY, at, "column " + column + " is " + at.text() + "; use bigint GENERATED ALWAYS AS IDENTITY");
        }
        if ((base.equals("varchar") || (base.equals("character") && varying)) && hasLength) {
            out.report(Rules.TEXT, at, "column " + column + " is " + Cursor.text(type.subList(start, type.size())) + "; use text with a CHECK on length");
        } else if (CHAR.contains(base) && !varying) {
            out.report(Rules.CHAR, at, "column " + column + " is " + Cursor.text(type.subList(start, type.size())) + "; use text");
        }
        if (base.equals("timestamp") && !Cursor.containsWord(type, "WITH")) {
            out.report(Rules.TIMESTAMPTZ, at, "column " + column + " is timestamp without time zone; use timestamptz");
        }
    }
}
