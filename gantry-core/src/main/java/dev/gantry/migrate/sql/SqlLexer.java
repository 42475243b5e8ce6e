package dev.gantry.migrate.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written PostgreSQL lexer. It never throws: text it cannot read becomes a
 * {@link LexProblem} and lexing stops at that point.
 *
 * <p>Handles {@code --} and nested {@code /* *}{@code /} comments, single-quoted strings with
 * {@code ''} escapes, E'' strings with backslash escapes, dollar quoting ({@code $$} and
 * {@code $tag$}), quoted identifiers with {@code ""} escapes, and line/column tracking across
 * LF, CRLF and CR line endings. Not thread-safe; one instance lexes one text.
 */
final class SqlLexer {
    private final String src;
    private final int length;
    private int pos;
    private int line = 1;
    private int column = 1;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<LexProblem> problems = new ArrayList<>();

    /** The result of lexing one text. */
    record Result(List<Token> tokens, List<Comment> comments, List<LexProblem> problems) {}

    private SqlLexer(String src) {
        this.src = src;
        this.length = src.length();
    }

    static Result lex(String src) {
        SqlLexer lexer = new SqlLexer(src);
        lexer.run();
        return new Result(List.copyOf(lexer.tokens), List.copyOf(lexer.comments), List.copyOf(lexer.problems));
    }

    private void run() {
        if (length > 0 && src.charAt(0) == '\uFEFF') {
            pos = 1;
        }
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                advance();
            } else if (c == '-' && peek(1) == '-') {
                lineComment();
            } else if (c == '/' && peek(1) == '*') {
                if (!blockComment()) {
                    return;
                }
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                if (!string(1, true)) {
                    return;
                }
            } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && peek(1) == '\'') {
                if (!string(1, false)) {
                    return;
                }
            } else if ((c == 'U' || c == 'u') && peek(1) == '&' && peek(2) == '\'') {
                if (!string(2, false)) {
                    return;
                }
            } else if ((c == 'U' || c == 'u') && peek(1) == '&' && peek(2) == '"') {
                if (!quoted(2, '"')) {
                    return;
                }
            } else if (c == '\'') {
                if (!string(0, false)) {
                    return;
                }
            } else if (c == '"' || c == '`') {
                if (!quoted(0, c)) {
                    return;
                }
            } else if (c == '$') {
                if (!dollar()) {
                    return;
                }
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                number();
            } else if (isIdentStart(c)) {
                word();
            } else {
                punct();
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < length ? src.charAt(i) : '\0';
    }

    private void advance() {
        char c = src.charAt(pos++);
        if (c == '\n') {
            line++;
            column = 1;
        } else if (c == '\r') {
            if (pos < length && src.charAt(pos) == '\n') {
                pos++;
            }
            line++;
            column = 1;
        } else {
            column++;
        }
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    private void lineComment() {
        int startLine = line;
        int startColumn = column;
        int start = pos + 2;
        while (pos < length && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
            advance();
        }
        comments.add(new Comment(src.substring(start, pos).trim(), startLine, startColumn, tokens.size()));
    }

    private boolean blockComment() {
        int startLine = line;
        int startColumn = column;
        int start = pos + 2;
        advance();
        advance();
        int depth = 1;
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == '/' && peek(1) == '*') {
                depth++;
                advance();
                advance();
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                advance();
                advance();
                if (depth == 0) {
                    comments.add(new Comment(src.substring(start, pos - 2).trim(), startLine, startColumn, tokens.size()));
                    return true;
                }
            } else {
                advance();
            }
        }
        problems.add(new LexProblem("the /* comment that starts here is never closed", startLine, startColumn));
        return false;
    }

    private boolean string(int prefix, boolean backslashEscapes) {
        int startLine = line;
        int startColumn = column;
        int start = pos;
        for (int i = 0; i < prefix; i++) {
            advance();
        }
        advance(); // opening quote
        StringBuilder value = new StringBuilder();
        while (pos < length) {
            char c = src.charAt(pos);
            if (backslashEscapes && c == '\\' && pos + 1 < length) {
                advance();
                value.append(src.charAt(pos));
                advance();
            } else if (c == '\'') {
                if (peek(1) == '\'') {
                    value.append('\'');
                    advance();
                    advance();
                } else {
                    advance();
                    tokens.add(new Token(TokenKind.STRING, src.substring(start, pos), value.toString(), startLine, startColumn));
                    return true;
                }
            } else {
                value.append(c);
                advance();
            }
        }
        problems.add(new LexProblem("the string literal that starts here is never closed", startLine, startColumn));
        return false;
    }

    private boolean quoted(int prefix, char quote) {
        int startLine = line;
        int startColumn = column;
        int start = pos;
        for (int i = 0; i < prefix; i++) {
            advance();
        }
        advance();
        StringBuilder value = new StringBuilder();
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == quote) {
                if (peek(1) == quote) {
                    value.append(quote);
                    advance();
                    advance();
                } else {
                    advance();
                    tokens.add(new Token(TokenKind.QUOTED_IDENTIFIER, src.substring(start, pos), value.toString(), startLine, startColumn));
                    return true;
                }
            } else {
                value.append(c);
                advance();
            }
        }
        problems.add(new LexProblem("the quoted identifier that starts here is never closed", startLine, startColumn));
        return false;
    }

    private boolean dollar() {
        int startLine = line;
        int startColumn = column;
        int start = pos;
        if (peek(1) == '{') {
            // a Flyway placeholder such as ${schema} or ${flyway:defaultSchema} stands for a name
            int close = src.indexOf('}', pos);
            int newline = src.indexOf('\n', pos);
            if (close > 0 && (newline < 0 || close < newline)) {
                while (pos <= close) {
                    advance();
                }
                String text = src.substring(start, pos);
                tokens.add(new Token(TokenKind.WORD, text, text.toUpperCase(Locale.ROOT), startLine, startColumn));
                return true;
            }
        }
        if (Character.isDigit(peek(1))) {
            advance();
            while (pos < length && Character.isDigit(src.charAt(pos))) {
                advance();
            }
            tokens.add(new Token(TokenKind.PARAMETER, src.substring(start, pos), src.substring(start, pos), startLine, startColumn));
            return true;
        }
        int end = pos + 1;
        while (end < length && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) {
            end++;
        }
        if (end >= length || src.charAt(end) != '$' || (end > pos + 1 && Character.isDigit(src.charAt(pos + 1)))) {
            punct();
            return true;
        }
        String tag = src.substring(pos, end + 1);
        while (pos <= end) {
            advance();
        }
        int bodyStart = pos;
        int close = src.indexOf(tag, pos);
        if (close < 0) {
            problems.add(new LexProblem("the dollar-quoted string " + tag + " that starts here is never closed", startLine, startColumn));
            return false;
        }
        while (pos < close + tag.length()) {
            advance();
        }
        tokens.add(new Token(TokenKind.DOLLAR_STRING, src.substring(start, pos), src.substring(bodyStart, close), startLine, startColumn));
        return true;
    }

    private void number() {
        int startLine = line;
        int startColumn = column;
        int start = pos;
        while (pos < length) {
            char c = src.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || (c == '.' && peek(1) != '.')) {
                advance();
            } else if ((c == '+' || c == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')) {
                advance();
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        tokens.add(new Token(TokenKind.NUMBER, text, text, startLine, startColumn));
    }

    private void word() {
        int startLine = line;
        int startColumn = column;
        int start = pos;
        while (pos < length && isIdentPart(src.charAt(pos))) {
            advance();
        }
        String text = src.substring(start, pos);
        tokens.add(new Token(TokenKind.WORD, text, text.toUpperCase(Locale.ROOT), startLine, startColumn));
    }

    private void punct() {
        int startLine = line;
        int startColumn = column;
        int start = pos;
        char c = src.charAt(pos);
        if ("(),;[]".indexOf(c) >= 0) {
            advance();
        } else if (c == ':' && peek(1) == ':') {
            advance();
            advance();
        } else if (c == '.' || c == ':') {
            advance();
        } else if ("+-*/<>=~!@#%^&|?".indexOf(c) >= 0) {
            while (pos < length && "+-*/<>=~!@#%^&|?".indexOf(src.charAt(pos)) >= 0
                    && !(src.charAt(pos) == '-' && peek(1) == '-')
                    && !(src.charAt(pos) == '/' && peek(1) == '*')) {
                advance();
            }
        } else {
            advance();
        }
        String text = src.substring(start, pos);
        tokens.add(new Token(TokenKind.PUNCT, text, text, startLine, startColumn));
    }
}
