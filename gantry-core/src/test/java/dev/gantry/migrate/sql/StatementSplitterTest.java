package dev.gantry.migrate.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private static List<Statement> split(String sql) {
        SqlLexer.Result r = SqlLexer.lex(sql);
        return StatementSplitter.split(r.tokens(), r.comments());
    }

    @Test
    void split_severalStatements_givesEachWithItsStart() {
        List<Statement> s = split("SELECT 1;\n  CREATE TABLE t (id bigint);\nSELECT 2");
        assertThat(s).hasSize(3);
        assertThat(s.get(1).line()).isEqualTo(2);
        assertThat(s.get(1).column()).isEqualTo(3);
        assertThat(s.get(2).first().text()).isEqualTo("SELECT");
    }

    @Test
    void split_emptyStatements_areSkipped() {
        assertThat(split(";;SELECT 1;;;")).hasSize(1);
    }

    @Test
    void split_doBlockAndFunctionBodies_stayWhole() {
        List<Statement> s = split("""
                DO $body$ BEGIN EXECUTE 'ALTER TABLE a ADD b int'; PERFORM 1; END $body$;
                CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
                SELECT 3;
                """);
        assertThat(s).hasSize(3);
    }

    @Test
    void split_beginAtomicBody_keepsInnerSemicolons() {
        List<Statement> s = split("""
                CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC
                  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
                  SELECT 2;
                END;
                SELECT 3;
                """);
        assertThat(s).hasSize(2);
        assertThat(s.get(1).line()).isEqualTo(5);
    }

    @Test
    void split_transactionMarkers_areStatements() {
        List<Statement> s = split("BEGIN; START TRANSACTION ISOLATION LEVEL SERIALIZABLE; COMMIT; END; ROLLBACK;");
        assertThat(s).extracting(st -> st.first().value()).containsExactly("BEGIN", "START", "COMMIT", "END", "ROLLBACK");
    }

    @Test
    void split_leadingComments_belongToTheNextStatement() {
        List<Statement> s = split("SELECT 1; -- about two\n/* also */\nSELECT 2 /* inside */;");
        assertThat(s.get(0).leadingComments()).isEmpty();
        assertThat(s.get(1).leadingComments()).extracting(Comment::text).containsExactly("about two", "also");
    }
}
