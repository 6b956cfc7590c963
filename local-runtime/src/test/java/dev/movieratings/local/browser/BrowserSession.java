package dev.movieratings.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.local.LocalRuntime;
import dev.movieratings.local.LocalSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the browser tests set up and use alike: the whole local runtime (its data under {@code target/<name>}),
 * a headless Chromium with a 20 s wait, calls to the API as a script would make them, and opening a page until it
 * has loaded. One per test class, started in its {@code @BeforeAll} and closed in its {@code @AfterAll}.
 */
final class BrowserSession implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String base;
    final HeadlessChromium chromium;
    final WebDriverWait wait;
    /** The runtime this session started, or null when it runs elsewhere ({@code -Dbrowser.baseUrl}). */
    final @Nullable LocalRuntime runtime;
    /** Where the runtime this session started keeps its data. */
    final Path data;

    private BrowserSession(String base, Path data, @Nullable LocalRuntime runtime) {
        this.base = base;
        this.data = data;
        this.runtime = runtime;
        try {
            this.chromium = HeadlessChromium.start();
        } catch (RuntimeException e) {
            if (runtime != null) {
                runtime.close();
            }
            throw e;
        }
        this.wait = new WebDriverWait(chromium.driver, Duration.ofSeconds(20));
    }

    /** A fresh runtime without the MovieLens seed, whose catalog the test fills itself ({@link #database}). */
    static BrowserSession unseeded(String name) throws IOException {
        return fresh(name, false);
    }

    /**
     * A fresh runtime on the MovieLens seed, or the one already up at {@code -Dbrowser.baseUrl} (e.g.
     * {@code http://127.0.0.1:8080}).
     */
    static BrowserSession seededOrRunning(String name) throws IOException {
        String running = System.getProperty("browser.baseUrl");
        if (running != null) {
            return new BrowserSession(running, dataOf(name), null);
        }
        return fresh(name, true);
    }

    private static BrowserSession fresh(String name, boolean seeded) throws IOException {
        Path data = dataOf(name);
        deleteRecursively(data);
        LocalRuntime runtime = LocalRuntime.start(new LocalSettings(0, data, seeded, 1, 5, 500));
        return new BrowserSession("http://127.0.0.1:" + runtime.port(), data, runtime);
    }

    private static Path dataOf(String name) {
        return Path.of("target", name).toAbsolutePath();
    }

    /** The runtime's database, as its owner: for a test that puts its films in the catalog. */
    JdbcClient database() {
        if (runtime == null) {
            throw new IllegalStateException("no database at hand: the runtime runs elsewhere");
        }
        return JdbcClient.create(runtime.database().dataSource());
    }

    /** A token from the local issuer's development endpoint, for calls made beside the browser. */
    String tokenOf(String user) {
        return JSON.readTree(send("POST", "/api/dev/token", null, "{\"user\":\"" + user + "\"}")
                        .body())
                .get("token")
                .asString();
    }

    /** Signs the browser in as the page keeps a session: the user and token in its local storage. */
    void signInWithToken(String user, String token) {
        chromium.driver.get(base + "/");
        chromium.driver.executeScript(
                "localStorage.setItem('movie-ratings.user', arguments[0]);"
                        + " localStorage.setItem('movie-ratings.token', arguments[1]);",
                user,
                token);
    }

    /** The token the page signed in with. */
    String pageToken() {
        return (String) chromium.driver.executeScript("return localStorage.getItem('movie-ratings.token')");
    }

    /** Opens a page (from a blank one, so the app starts anew) and waits until it has loaded. */
    void open(String path) {
        chromium.driver.get("about:blank");
        chromium.driver.get(base + path);
        awaitLoaded();
    }

    /** Opens a page as a fresh visit: public reads may be cached for 5 s, and these tests write between visits. */
    void openFresh(String path) {
        chromium.driver.get("about:blank");
        chromium.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        chromium.driver.get(base + path);
        awaitLoaded();
    }

    private void awaitLoaded() {
        wait.until(
                ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Loading…")));
    }

    String text(String id) {
        return chromium.driver.findElement(By.id(id)).getText();
    }

    List<String> texts(String selector) {
        return chromium.driver.findElements(By.cssSelector(selector)).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** Runs the steps with the browser at a phone's size (360 × 780, touch), and back at its own size after. */
    void atPhoneWidth(Runnable steps) {
        chromium.emulateWidth(360, 780, true);
        try {
            steps.run();
        } finally {
            chromium.stopEmulating();
        }
    }

    /** Within {@link #atPhoneWidth}: the page open now scrolls only downwards and passes axe. */
    void assertFitsPhoneWidth(String page) {
        assertThat(chromium.driver.executeScript("return document.documentElement.scrollWidth"))
                .as(page + ": no sideways scrolling at 360 px")
                .isEqualTo(360L);
        assertThat(chromium.axeViolations())
                .as("axe on the " + page + " page at 360 px")
                .isEmpty();
    }

    /** GETs a JSON resource (as the bearer, if any), which must answer 200. */
    JsonNode getJson(String path, @Nullable String bearer) {
        HttpResponse<String> response = send("GET", path, bearer, null);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Read-your-writes: polls the caller's own list until the projection reached the write, at most 15 s. */
    void awaitProjectedVersion(String path, String bearer, long version) {
        awaitAtLeast(path, bearer, "projectedVersion", version);
    }

    /** Polls a public read until the projection reached the event at this position, at most 15 s. */
    void awaitProjectedThrough(String path, long position) {
        awaitAtLeast(path, null, "projectedThrough", position);
    }

    private void awaitAtLeast(String path, @Nullable String bearer, String field, long value) {
        new WebDriverWait(chromium.driver, Duration.ofSeconds(15), Duration.ofMillis(50))
                .withMessage(() -> path + ": " + field + " did not reach " + value)
                .until(driver -> getJson(path, bearer).get(field).asLong() >= value);
    }

    HttpResponse<String> send(String method, String path, @Nullable String bearer, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        chromium.close();
        if (runtime != null) {
            runtime.close();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
