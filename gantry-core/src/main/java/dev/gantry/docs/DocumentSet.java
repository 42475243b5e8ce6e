package dev.gantry.docs;

import dev.gantry.docs.template.Template;
import dev.gantry.impact.ImpactAnalysis;
import dev.gantry.impact.ImpactReport;
import dev.gantry.impact.MigrationGuide;
import dev.gantry.plan.ReleasePlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The launch document set of a release: RELEASE-NOTES.md, MIGRATION.md, LAUNCH-RUNBOOK.md,
 * ROLLBACK-PROCEDURE.md, POST-LAUNCH.md and SUPPORT.md, each rendered from a template with the
 * {@link ReleaseContext}. A team replaces any built-in template with its own, by file name.
 *
 * <p>Deterministic: the same plan (and files it names) gives byte-identical documents; nothing
 * depends on the clock or the environment, and no {@code ${VAR}} reference is resolved.
 * Stateless and thread-safe; built-in templates are compiled once.
 */
public final class DocumentSet {
    /** The documents, in the order they are written. */
    public static final List<String> NAMES = List.of("RELEASE-NOTES.md", "MIGRATION.md", "LAUNCH-RUNBOOK.md",
            "ROLLBACK-PROCEDURE.md", "POST-LAUNCH.md", "SUPPORT.md");

    /** MIGRATION.md is written by {@link MigrationGuide} unless a team overrides it. */
    private static final String MIGRATION = "MIGRATION.md";

    private static final Map<String, Template> BUILT_IN = builtIn();

    private DocumentSet() {}

    /**
     * Renders every document.
     *
     * @param overrides template sources by document name ({@link #NAMES}); the rest are built in
     * @return document text by name, in {@link #NAMES} order
     * @throws IllegalArgumentException when an override is not named like a document
     * @throws dev.gantry.docs.template.TemplateException when a template is malformed or names
     *     something the context does not hold
     */
    public static Map<String, String> generate(ReleasePlan plan, Map<String, String> overrides) {
        return generate(plan, overrides, Optional.empty());
    }

    /**
     * Renders every document, the release notes with the commits of {@code commits} in their
     * Keep a Changelog sections as well.
     *
     * @see #generate(ReleasePlan, Map)
     */
    public static Map<String, String> generate(ReleasePlan plan, Map<String, String> overrides,
            Optional<CommitRange> commits) {
        Objects.requireNonNull(plan, "plan");
        for (String name : overrides.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException(name + " is not a document; the documents are " + String.join(", ", NAMES));
            }
        }
        ImpactReport impact = ImpactAnalysis.of(plan);
        Map<String, Object> context = ReleaseContext.of(plan, impact, commits);
        String guide = MigrationGuide.of(plan);
        context.put("migrationGuide", guide);
        Map<String, String> documents = new LinkedHashMap<>();
        for (String name : NAMES) {
            String text;
            if (overrides.containsKey(name)) {
                text = Template.compile(name, overrides.get(name)).render(context);
            } else if (name.equals(MIGRATION)) {
                text = guide;
            } else {
                text = BUILT_IN.get(name).render(context);
            }
            documents.put(name, text);
        }
        return documents;
    }

    /** The built-in template of document {@code name}, for teams to start their own from. */
    public static String builtInTemplate(String name) {
        if (name.equals(MIGRATION)) {
            return "{{migrationGuide}}";
        }
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(name + " is not a document; the documents are " + String.join(", ", NAMES));
        }
        return source(name);
    }

    private static Map<String, Template> builtIn() {
        Map<String, Template> templates = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (!name.equals(MIGRATION)) {
                templates.put(name, Template.compile(name, source(name)));
            }
        }
        return Map.copyOf(templates);
    }

    private static String source(String name) {
        try (InputStream in = DocumentSet.class.getResourceAsStream("templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the built-in template " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
