package dev.gantry.docs.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TemplateTest {
    static final Map<String, Object> CONTEXT = Map.of(
            "release", Map.of("product", "Invoicing", "version", "2.0.0", "previous", "", "breaking", 2),
            "changes", List.of(Map.of("title", "Templates", "breaking", false), Map.of("title", "Email", "breaking", true)),
            "issues", List.of(),
            "tags", List.of("a", "b", "c"),
            "ratio", 0.05);

    static String render(String source) {
        return Template.compile("t.md", source).render(CONTEXT);
    }

    static TemplateException failure(String source) {
        try {
            render(source);
        } catch (TemplateException e) {
            return e;
        }
        throw new AssertionError("expected a TemplateException for " + source);
    }

    @Nested
    class Values {
        @Test
        void render_dottedPaths_insertValuesAsTheyAre() {
            assertThat(render("{{release.product}} {{ release.version }} <b>&{{ratio}}"))
                    .isEqualTo("Invoicing 2.0.0 <b>&0.05");
        }

        @Test
        void render_numbers_printWithoutNeedlessDecimals() {
            assertThat(render("{{release.breaking}}")).isEqualTo("2");
        }

        @Test
        void render_valueInMarkdownTableRow_cannotBreakTheTable() {
            Map<String, Object> context = Map.of("issue", "a | b\nc");

            assertThat(Template.compile("t.md", "| {{issue}} |\n{{issue}}").render(context)).isEqualTo("| a \\| b c |\na | b\nc");
            assertThat(Template.compile("t.txt", "| {{issue}} |").render(context)).isEqualTo("| a | b\nc |");
        }

        @Test
        void render_comment_leavesNothing() {
            assertThat(render("a{{! a note }}b{{!-- with }} inside --}}c")).isEqualTo("abc");
        }
    }

    @Nested
    class Each {
        @Test
        void render_each_resolvesNamesOnTheItemFirstThenOutward() {
            assertThat(render("{{#each changes}}{{title}} of {{release.product}};{{/each}}"))
                    .isEqualTo("Templates of Invoicing;Email of Invoicing;");
        }

        @Test
        void render_eachData_giveIndexNumberFirstAndLast() {
            assertThat(render("{{#each tags}}{{@index}}{{@number}}{{this}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}} {{/each}}"))
                    .isEqualTo("01aF 12b 23cL ");
        }

        @Test
        void render_emptyList_rendersElse() {
            assertThat(render("{{#each issues}}x{{else}}none{{/each}}")).isEqualTo("none");
        }

        @Test
        void render_blockTagsAloneOnTheirLine_leaveNoBlankLines() {
            assertThat(render("""
                    List:
                    {{#each tags}}
                    - {{this}}
                    {{/each}}
                    End
                    """)).isEqualTo("List:\n- a\n- b\n- c\nEnd\n");
        }
    }

    @Nested
    class Conditionals {
        @Test
        void render_ifAndUnless_followTruthiness() {
            assertThat(render("{{#if release.previous}}from{{else}}new{{/if}} {{#unless issues}}clean{{/unless}}"
                    + " {{#each changes}}{{#if breaking}}!{{title}}{{/if}}{{/each}}")).isEqualTo("new clean !Email");
        }
    }

    @Nested
    class Errors {
        @Test
        void render_unknownName_namesTemplateLineColumnAndSuggests() {
            TemplateException e = failure("ok\n  {{release.vrsion}}");

            assertThat(e.getMessage()).startsWith("t.md:2:3: 'release' has no 'vrsion' (did you mean 'version'?)");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(3);
        }

        @Test
        void render_unknownTopLevelName_isAnErrorNotAnEmptyString() {
            assertThat(failure("{{chnages}}").getMessage())
                    .startsWith("t.md:1:1: unknown name 'chnages' (did you mean 'changes'?)");
        }

        @Test
        void compile_unclosedBlock_pointsAtTheOpeningTag() {
            assertThatThrownBy(() -> Template.compile("t.md", "x\n{{#each changes}}\n- {{title}}\n"))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("t.md:2:1: '{{#each changes}}' is never closed; add {{/each}} where it ends.");
        }

        @Test
        void compile_strayClose_isAnError() {
            assertThatThrownBy(() -> Template.compile("t.md", "a {{/each}}"))
                    .hasMessageStartingWith("t.md:1:3: '{{/each}}' closes no block");
        }

        @Test
        void compile_mismatchedClose_namesTheOpenBlock() {
            assertThatThrownBy(() -> Template.compile("t.md", "{{#if a}}{{/each}}"))
                    .hasMessageStartingWith("t.md:1:10: '{{/each}}' cannot close '{{#if a}}' opened at 1:1");
        }

        @Test
        void compile_unclosedTag_isAnError() {
            assertThatThrownBy(() -> Template.compile("t.md", "a {{release.version"))
                    .hasMessageStartingWith("t.md:1:3: '{{' is never closed");
        }

        @Test
        void compile_methodCallsAndHelpers_areNotNames() {
            assertThatThrownBy(() -> Template.compile("t.md", "{{release.getClass()}}"))
                    .hasMessageContaining("is not a name");
            assertThatThrownBy(() -> Template.compile("t.md", "{{lookup release 'x'}}"))
                    .hasMessageContaining("is not a name");
            assertThatThrownBy(() -> Template.compile("t.md", "{{#with release}}{{/with}}"))
                    .hasMessageContaining("unknown block '{{#with}}'");
        }

        @Test
        void render_javaObjectInContext_isRefusedNotReflectedOn() {
            Template template = Template.compile("t.md", "{{thing}}");

            assertThatThrownBy(() -> template.render(Map.of("thing", new StringBuilder("secret"))))
                    .hasMessageContaining("holds a StringBuilder; a template context holds only maps, lists, strings");
        }

        @Test
        void render_listPrintedOrScalarIterated_saysWhatToDo() {
            assertThat(failure("{{tags}}").getMessage()).contains("iterate it with {{#each tags}}");
            assertThat(failure("{{#each release.product}}{{/each}}").getMessage()).contains("is text, not a list");
            assertThat(failure("{{@index}}").getMessage()).contains("only defined inside {{#each}}");
        }
    }
}
