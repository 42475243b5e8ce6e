package dev.gantry.migrate.sql;

/** Something the lexer could not read, such as an unterminated string, with its position. */
record LexProblem(String message, int line, int column) {}
