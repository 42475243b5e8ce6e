package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Coverage from a JaCoCo XML report at or above a minimum: the report's own totals, or the sum
 * over a package and its sub-packages ({@code com/acme/auth} or {@code com.acme.auth}).
 */
final class CoverageCheck implements CheckEvaluator<CheckSpec.Coverage> {
    @Override
    public CheckResult evaluate(CheckSpec.Coverage spec, GateCategory.Item item, CheckContext context) {
        Path file = context.plan().resolve(spec.report());
        if (!Files.isRegularFile(file)) {
            return Results.fail("the coverage report " + spec.report() + " does not exist; run the build that writes it");
        }
        Document document;
        try {
            document = SecureXml.parse(file);
        } catch (SecureXml.Malformed e) {
            return Results.fail("the coverage report " + spec.report() + " is malformed: " + e.getMessage());
        } catch (IOException e) {
            return Results.fail("the coverage report " + spec.report() + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Element root = document.getDocumentElement();
        if (!"report".equals(root.getTagName())) {
            return Results.fail("the coverage report " + spec.report() + " is not a JaCoCo XML report (its root is <"
                    + root.getTagName() + ">, expected <report>)");
        }
        String counter = spec.counter().name();
        long missed = 0;
        long covered = 0;
        String scope;
        try {
            if (spec.packageName().isEmpty()) {
                long[] totals = counter(root, counter);
                missed = totals[0];
                covered = totals[1];
                scope = "overall";
            } else {
                String wanted = spec.packageName().get().replace('.', '/').replaceAll("/+$", "");
                int matched = 0;
                for (Element pkg : children(root, "group", "package")) {
                    String name = pkg.getAttribute("name");
                    if (name.equals(wanted) || name.startsWith(wanted + "/")) {
                        long[] totals = counter(pkg, counter);
                        missed += totals[0];
                        covered += totals[1];
                        matched++;
                    }
                }
                if (matched == 0) {
                    return Results.fail("the coverage report " + spec.report() + " has no package " + wanted);
                }
                scope = "package " + wanted + (matched > 1 ? " and its " + (matched - 1) + " sub-packages" : "");
            }
        } catch (NumberFormatException e) {
            return Results.fail("the coverage report " + spec.report() + " is malformed: a counter is not a number");
        }
        String kind = counter.toLowerCase(Locale.ROOT);
        if (missed + covered == 0) {
            return Results.fail("the coverage report has no " + kind + " counts for the " + scope);
        }
        double percent = 100.0 * covered / (missed + covered);
        List<String> evidence = List.of("report: " + spec.report(), kind + " coverage " + scope + ": "
                + String.format(Locale.ROOT, "%.1f%%", percent) + " (" + covered + " of " + (missed + covered) + ")");
        String summary = String.format(Locale.ROOT, "%s coverage %s is %.1f%%", kind, scope, percent);
        if (percent >= spec.min()) {
            return Results.pass(summary + ", at least " + fmt(spec.min()) + "%", evidence);
        }
        return Results.fail(summary + ", below the minimum of " + fmt(spec.min()) + "%", evidence);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** The element's own counter of {@code type}: {missed, covered}; zeros when absent. */
    private static long[] counter(Element element, String type) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals("counter")
                    && child.getAttribute("type").equals(type)) {
                return new long[] {Long.parseLong(child.getAttribute("missed")), Long.parseLong(child.getAttribute("covered"))};
            }
        }
        return new long[] {0, 0};
    }

    /** Packages directly under the report or under its groups. */
    private static List<Element> children(Element root, String group, String pkg) {
        List<Element> packages = new java.util.ArrayList<>();
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                if (child.getTagName().equals(pkg)) {
                    packages.add(child);
                } else if (child.getTagName().equals(group)) {
                    packages.addAll(children(child, group, pkg));
                }
            }
        }
        return packages;
    }
}
