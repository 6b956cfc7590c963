package dev.movieratings.local.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's chromium + chromedriver; CHROME_BINARY / CHROMEDRIVER override
 * the paths) with a fresh profile. Collects Content-Security-Policy violations from the first script
 * on, runs axe-core from its npm file, and takes full-page screenshots through the DevTools protocol.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path AXE = Path.of("src", "test", "browser", "node_modules", "axe-core", "axe.min.js");

    private static final String COLLECT_CSP_VIOLATIONS = "window.__cspViolations = [];"
            + "document.addEventListener('securitypolicyviolation',"
            + " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static HeadlessChromium start() {
        Path binary = Path.of(setting("CHROME_BINARY", "/usr/bin/chromium"));
        Path chromedriver = Path.of(setting("CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(binary) || !Files.isExecutable(chromedriver)) {
            throw new IllegalStateException(
                    "The browser tests need Chromium and chromedriver: apt-get install -y chromium chromium-driver"
                            + " (or set CHROME_BINARY and CHROMEDRIVER). Looked for " + binary + " and " + chromedriver
                            + ".");
        }
        if (!Files.isRegularFile(AXE)) {
            throw new IllegalStateException(
                    "The accessibility checks need axe-core: npm ci --prefix local-runtime/src/test/browser"
                            + " (.ci/run does it). Missing " + AXE.toAbsolutePath());
        }
        try {
            Path profile = Files.createTempDirectory("movie-ratings-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binary.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--lang=en-US",
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COLLECT_CSP_VIOLATIONS));
            return new HeadlessChromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CSP violations the current document reported (inline script, inline style, foreign origins …). */
    @SuppressWarnings("unchecked")
    List<String> cspViolations() {
        Object found = driver.executeScript("return window.__cspViolations || []");
        return new ArrayList<>((List<String>) found);
    }

    /** axe-core's WCAG 2.0–2.2 A/AA and best-practice rules over the current page; one line per violation. */
    @SuppressWarnings("unchecked")
    List<String> axeViolations() {
        try {
            driver.executeScript(Files.readString(AXE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, { runOnly: { type: 'tag',"
                + " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })"
                + ".then(r => done(r.violations.flatMap(v => v.nodes.map(n => v.id + ' (' + v.impact + '): '"
                + " + v.help + ' at '"
                + " + n.target.join(' ') + ' | ' + (n.failureSummary || '').replace(/\\s+/g, ' ')))))"
                + ".catch(e => done(['axe failed to run: ' + e]));");
        return new ArrayList<>((List<String>) result);
    }

    /** Emulates a device width (CSS pixels), as a phone would lay the page out. */
    void emulateWidth(int width, int height, boolean mobile) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    void stopEmulating() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** The whole page, not only the viewport, up to 4,000 CSS pixels tall. */
    void screenshot(Path file) {
        screenshot(file, 4000);
    }

    void screenshot(Path file, int maxHeight) {
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>)
                driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        Map<String, Object> clip = Map.of(
                "x",
                0,
                "y",
                0,
                "width",
                ((Number) size.get("width")).doubleValue(),
                "height",
                Math.min(maxHeight, ((Number) size.get("height")).doubleValue()),
                "scale",
                1);
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
