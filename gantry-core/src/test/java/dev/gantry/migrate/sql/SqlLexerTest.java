package dev.gantry.migrate.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<Token> tokens(String sql) {
        return SqlLexer.lex(sql).tokens();
    }

    @Nested
    class Comments {
        @Test
        void lex_nestedBlockComment_isOneComment() {
            SqlLexer.Result r = SqlLexer.lex("/* outer /* inner */ still comment */ SELECT 1");
            assertThat(r.comments()).hasSize(1);
            assertThat(r.comments().get(0).text()).isEqualTo("outer /* inner */ still comment");
            assertThat(r.tokens()).extracting(Token::text).containsExactly("SELECT", "1");
        }

        @Test
        void lex_lineComment_endsAtNewline() {
            SqlLexer.Result r = SqlLexer.lex("SELECT 1; -- a ; comment\nSELECT 2");
            assertThat(r.comments()).extracting(Comment::text).containsExactly("a ; comment");
            assertThat(r.tokens()).extracting(Token::text).containsExactly("SELECT", "1", ";", "SELECT", "2");
        }

        @Test
        void lex_unterminatedBlockComment_reportsItsStart() {
            SqlLexer.Result r = SqlLexer.lex("SELECT 1;\n  /* never closed");
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.column()).isEqualTo(3);
                assertThat(p.message()).contains("never closed");
            });
        }
    }

    @Nested
    class Strings {
        @Test
        void lex_doubledQuote_staysInsideString() {
            assertThat(tokens("SELECT 'it''s; fine'")).extracting(Token::value).containsExactly("SELECT", "it's; fine");
        }

        @Test
        void lex_escapeString_backslashQuoteDoesNotEndIt() {
            List<Token> t = tokens("SELECT E'a\\'b;c', 2");
            assertThat(t.get(1).kind()).isEqualTo(TokenKind.STRING);
            assertThat(t.get(1).value()).isEqualTo("a'b;c");
            assertThat(t).extracting(Token::text).endsWith(",", "2");
        }

        @Test
        void lex_plainString_backslashIsLiteral() {
            assertThat(tokens("SELECT 'a\\', 2")).extracting(Token::value).containsExactly("SELECT", "a\\", ",", "2");
        }

        @Test
        void lex_dollarQuoted_keepsSemicolonsAndQuotes() {
            List<Token> t = tokens("DO $$ BEGIN RAISE NOTICE 'x;y'; END $$;");
            assertThat(t.get(1).kind()).isEqualTo(TokenKind.DOLLAR_STRING);
            assertThat(t.get(1).value()).isEqualTo(" BEGIN RAISE NOTICE 'x;y'; END ");
            assertThat(t).hasSize(3);
        }

        @Test
        void lex_taggedDollarQuote_ignoresOtherTags() {
            List<Token> t = tokens("SELECT $fn$ a $$ b $x$ c $fn$");
            assertThat(t.get(1).value()).isEqualTo(" a $$ b $x$ c ");
        }

        @Test
        void lex_positionalParameter_isNotADollarQuote() {
            assertThat(tokens("SELECT $1 + $2")).extracting(Token::kind)
                    .containsExactly(TokenKind.WORD, TokenKind.PARAMETER, TokenKind.PUNCT, TokenKind.PARAMETER);
        }

        @Test
        void lex_unterminatedString_reportsLineAndColumn() {
            SqlLexer.Result r = SqlLexer.lex("SELECT 1;\nSELECT 'oops;\nSELECT 2;");
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.column()).isEqualTo(8);
            });
        }
    }

    @Nested
    class Identifiers {
        @Test
        void lex_quotedIdentifier_unescapesDoubledQuotesAndKeepsCase() {
            Token t = tokens("SELECT \"Foo\"\"Bar\"").get(1);
            assertThat(t.kind()).isEqualTo(TokenKind.QUOTED_IDENTIFIER);
            assertThat(t.identifier()).isEqualTo("Foo\"Bar");
        }

        @Test
        void lex_flywayPlaceholder_isOneNameToken() {
            List<Token> t = tokens("CREATE TABLE ${flyway:defaultSchema}.users (id bigint)");
            assertThat(t.get(2).text()).isEqualTo("${flyway:defaultSchema}");
            assertThat(t.get(2).isIdentifier()).isTrue();
        }

        @Test
        void identifier_unquoted_foldsToLowerCase() {
            assertThat(tokens("SELECT FooBar").get(1).identifier()).isEqualTo("foobar");
        }
    }

    @Nested
    class Positions {
        @Test
        void lex_crlfAndCr_countLines() {
            List<Token> t = tokens("SELECT 1;\r\nSELECT 2;\rSELECT   3;");
            Token three = t.get(t.size() - 2);
            assertThat(three.text()).isEqualTo("3");
            assertThat(three.line()).isEqualTo(3);
            assertThat(three.column()).isEqualTo(10);
        }

        @Test
        void lex_multilineString_advancesLines() {
            List<Token> t = tokens("SELECT 'a\nb\nc', x");
            assertThat(t.get(t.size() - 1).line()).isEqualTo(3);
        }
    }
}
