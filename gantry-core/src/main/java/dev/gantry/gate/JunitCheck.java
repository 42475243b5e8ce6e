package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * JUnit XML reports (Surefire, Gradle, Jest and pytest write the same format): every test
 * passes and there are at least the minimum number. A report path may be a file or a directory,
 * whose {@code *.xml} files are read. Tests are counted from {@code <testcase>} elements, not
 * from the summary attributes, which some tools leave out.
 */
final class JunitCheck implements CheckEvaluator<CheckSpec.Junit> {
    private static final int LISTED = 5;

    @Override
    public CheckResult evaluate(CheckSpec.Junit spec, GateCategory.Item item, CheckContext context) {
        List<Path> files = new ArrayList<>();
        for (String report : spec.reports()) {
            Path path = context.plan().resolve(report);
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    listing.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().forEach(files::add);
                } catch (IOException e) {
                    return Results.fail("the report directory " + report + " cannot be read");
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                return Results.fail("the test report " + report + " does not exist; run the tests that write it");
            }
        }
        if (files.isEmpty()) {
            return Results.fail("no JUnit XML report found in " + String.join(", ", spec.reports()));
        }
        int tests = 0;
        int skipped = 0;
        List<String> failed = new ArrayList<>();
        for (Path file : files) {
            String name = context.plan().directory().relativize(file.toAbsolutePath().normalize()).toString();
            Document document;
            try {
                document = SecureXml.parse(file);
            } catch (SecureXml.Malformed e) {
                return Results.fail("the test report " + name + " is malformed: " + e.getMessage());
            } catch (IOException e) {
                return Results.fail("the test report " + name + " cannot be read");
            }
            String root = document.getDocumentElement().getTagName();
            if (!root.equals("testsuite") && !root.equals("testsuites")) {
                return Results.fail("the test report " + name + " is not JUnit XML (its root is <" + root
                        + ">, expected <testsuite> or <testsuites>)");
            }
            NodeList cases = document.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testcase = (Element) cases.item(i);
                tests++;
                if (testcase.getElementsByTagName("failure").getLength() > 0
                        || testcase.getElementsByTagName("error").getLength() > 0) {
                    failed.add(testcase.getAttribute("classname") + "." + testcase.getAttribute("name"));
                } else if (testcase.getElementsByTagName("skipped").getLength() > 0) {
                    skipped++;
                }
            }
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(files.size() + " report files: " + tests + " tests, " + failed.size() + " failed, " + skipped
                + " skipped");
        failed.stream().limit(LISTED).forEach(test -> evidence.add("failed: " + test));
        if (!failed.isEmpty()) {
            return Results.fail(failed.size() + " of " + tests + " tests failed: "
                    + String.join(", ", failed.stream().limit(LISTED).toList())
                    + (failed.size() > LISTED ? " and " + (failed.size() - LISTED) + " more" : ""), evidence);
        }
        if (tests < spec.minTests()) {
            return Results.fail("only " + tests + " tests ran, fewer than the minimum of " + spec.minTests(), evidence);
        }
        return Results.pass("all " + tests + " tests passed" + (skipped > 0 ? " (" + skipped + " skipped)" : ""),
                evidence);
    }
}
