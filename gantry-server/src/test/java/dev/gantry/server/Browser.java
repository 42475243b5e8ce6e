package dev.gantry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through chromedriver, for the dashboard's browser tests.
 * Skips the calling test when chromium or chromedriver is absent, naming the Debian packages;
 * fails instead when {@code GANTRY_CI_STRICT=true}. Screenshots go to
 * {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GANTRY_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("GANTRY_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a fresh headless browser, or skips the test when none is installed. */
    static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String message = "Browser tests need Debian's chromium and chromedriver (apt-get install chromium"
                    + " chromium-driver); " + (Files.isExecutable(CHROMIUM) ? DRIVER : CHROMIUM) + " is missing";
            if ("true".equals(System.getenv("GANTRY_CI_STRICT"))) {
                throw new IllegalStateException(message + " (GANTRY_CI_STRICT=true: not skipping)");
            }
            Assumptions.abort(message);
        }
        try {
            Path profile = Files.createTempDirectory("gantry-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1280,1600", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(by));
    }

    /** The element's text; retried when a live update replaced the element meanwhile. */
    String text(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(by).getText());
    }

    /** Clicks the element; retried when a live update replaced the element meanwhile. */
    void click(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    /** Waits until {@code text} is on the page (htmx swaps and redirects settle). */
    void waitForText(String text) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(15))
                    // a form post replaces the whole page: the body found may go stale before it is read
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-" + text.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("'" + text + "' did not appear on " + driver.getCurrentUrl() + "; the page says:\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Saves a PNG screenshot as {@code target/screenshots/name.png} and returns its path. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
