package dev.gantry.migrate.sql;

import java.util.ArrayList;
import java.util.List;

/** A read position in a token list with keyword matching helpers. Not thread-safe. */
final class Cursor {
    private final List<Token> tokens;
    private int index;

    Cursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    boolean atEnd() {
        return index >= tokens.size();
    }

    int index() {
        return index;
    }

    void reset(int to) {
        index = to;
    }

    Token peek() {
        return peek(0);
    }

    /** The token {@code ahead} positions on, or the last token when past the end. */
    Token peek(int ahead) {
        int i = index + ahead;
        return i < tokens.size() ? tokens.get(i) : tokens.get(tokens.size() - 1);
    }

    boolean has(int ahead) {
        return index + ahead < tokens.size();
    }

    /** The current token, or the last one if at the end, for positioning findings. */
    Token here() {
        return peek();
    }

    Token next() {
        if (atEnd()) {
            throw new UnparsableStatementException(tokens.get(tokens.size() - 1), "the statement ends too early");
        }
        return tokens.get(index++);
    }

    /** Whether the next tokens are exactly these words. */
    boolean at(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!has(i) || !peek(i).isWord(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the words if the next tokens are exactly these words. */
    boolean accept(String... words) {
        if (at(words)) {
            index += words.length;
            return true;
        }
        return false;
    }

    boolean acceptPunct(String punct) {
        if (!atEnd() && peek().isPunct(punct)) {
            index++;
            return true;
        }
        return false;
    }

    void expect(String... words) {
        if (!accept(words)) {
            throw new UnparsableStatementException(here(), "expected " + String.join(" ", words) + " but found '" + (atEnd() ? "end of statement" : peek().text()) + "'");
        }
    }

    /** Reads a possibly qualified name ({@code a.b."C"}); returns its parts. */
    List<Token> qualifiedName() {
        List<Token> parts = new ArrayList<>();
        if (atEnd() || !peek().isIdentifier()) {
            throw new UnparsableStatementException(here(), "expected a name but found '" + (atEnd() ? "end of statement" : peek().text()) + "'");
        }
        parts.add(next());
        while (!atEnd() && peek().isPunct(".") && has(1) && (peek(1).isIdentifier() || peek(1).isPunct("*"))) {
            next();
            parts.add(next());
        }
        return parts;
    }

    /** Skips a parenthesised group starting at the current '(' and returns its inner tokens. */
    List<Token> group() {
        if (atEnd() || !peek().isPunct("(")) {
            throw new UnparsableStatementException(here(), "expected '(' but found '" + (atEnd() ? "end of statement" : peek().text()) + "'");
        }
        Token open = next();
        int depth = 1;
        int start = index;
        while (!atEnd()) {
            Token t = next();
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
                if (depth == 0) {
                    return tokens.subList(start, index - 1);
                }
            }
        }
        throw new UnparsableStatementException(open, "the parenthesis opened here is never closed");
    }

    /** The remaining tokens. */
    List<Token> rest() {
        return tokens.subList(Math.min(index, tokens.size()), tokens.size());
    }

    /** Splits tokens at top-level commas. */
    static List<List<Token>> splitTopLevel(List<Token> tokens, String separator) {
        List<List<Token>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct("(") || t.isPunct("[")) {
                depth++;
            } else if (t.isPunct(")") || t.isPunct("]")) {
                depth--;
            } else if (depth == 0 && t.isPunct(separator)) {
                parts.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        parts.add(tokens.subList(start, tokens.size()));
        return parts;
    }

    /** Whether any top-level token (outside parentheses) in the list is this word. */
    static boolean containsTopLevelWord(List<Token> tokens, String word) {
        int depth = 0;
        for (Token t : tokens) {
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
            } else if (depth == 0 && t.isWord(word)) {
                return true;
            }
        }
        return false;
    }

    static boolean containsTopLevelPunct(List<Token> tokens, String punct) {
        for (Token t : tokens) {
            if (t.isPunct(punct)) {
                return true;
            }
        }
        return false;
    }

    static boolean containsIdentifier(List<Token> tokens, String identifier) {
        for (Token t : tokens) {
            if (t.isIdentifier() && t.identifier().equals(identifier)) {
                return true;
            }
        }
        return false;
    }

    static boolean containsWord(List<Token> tokens, String word) {
        for (Token t : tokens) {
            if (t.isWord(word)) {
                return true;
            }
        }
        return false;
    }

    static String name(List<Token> parts) {
        StringBuilder b = new StringBuilder();
        for (Token p : parts) {
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(p.identifier());
        }
        return b.toString();
    }

    static String text(List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        Token previous = null;
        for (Token t : tokens) {
            if (previous != null && !t.isPunct(",") && !t.isPunct(")") && !t.isPunct(".") && !previous.isPunct(".")
                    && !previous.isPunct("(") && !t.isPunct("::") && !previous.isPunct("::")
                    && !(t.isPunct("(") && previous.kind() == TokenKind.WORD)) {
                b.append(' ');
            }
            b.append(t.text());
            previous = t;
        }
        return b.toString();
    }
}
