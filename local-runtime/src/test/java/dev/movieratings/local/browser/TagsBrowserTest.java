package dev.movieratings.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.local.LocalRuntime;
import dev.movieratings.local.LocalSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tags (issue 19) in a real headless Chromium against the whole local runtime: the movie page's top tags (links that
 * run the tag search), your own tags with remove buttons, and "Add a tag", whose code (tag-editor.js) is fetched on
 * the first click only. axe-core on each state.
 */
class TagsBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DATA = Path.of("target", "browser-tags").toAbsolutePath();
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private static final String USER = "tess-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String LOADED_EDITOR =
            "return performance.getEntriesByType('resource').some((e) => e.name.endsWith('/js/tag-editor.js'))";

    private static LocalRuntime runtime;
    private static String base;
    private static String token;
    private static HeadlessChromium chromium;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        deleteRecursively(DATA);
        runtime = LocalRuntime.start(new LocalSettings(0, DATA, false, 1, 5, 500));
        base = "http://127.0.0.1:" + runtime.port();
        JdbcClient.create(runtime.database().dataSource()).sql("""
                        insert into movies (movie_id, title, release_year, genres) values
                            (1, 'Toy Story', 1995, '{Animation,Comedy}'),
                            (2, 'Jumanji', 1995, '{Adventure}')""").update();
        token = tokenOf(USER);
        String other = tokenOf("uma-" + UUID.randomUUID().toString().substring(0, 6));
        for (String tag : List.of("Pixar", "toys")) {
            HttpResponse<String> added = send("POST", "/api/me/tags/1", other, "{\"tag\":\"" + tag + "\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(202);
        }
        send("POST", "/api/me/tags/1", token, "{\"tag\":\"pixar\"}");
        awaitTagVersion(1, 1);
        chromium = HeadlessChromium.start();
        wait = new WebDriverWait(chromium.driver, Duration.ofSeconds(20));
        chromium.driver.get(base + "/");
        chromium.driver.executeScript(
                "localStorage.setItem('movie-ratings.user', arguments[0]);"
                        + " localStorage.setItem('movie-ratings.token', arguments[1]);",
                USER,
                token);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void topTagsLinkToTheSearchAndYourTagsAreAddedAndRemovedWithAnEditorLoadedOnFirstClick() {
        open("/#/movies/1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tags ul")));
        assertThat(chromium.driver.findElements(By.cssSelector("#tags ul:first-of-type li")).stream()
                        .map(WebElement::getText)
                        .toList())
                .as("counted by key, commonest spelling")
                .containsExactly("Pixar 2", "toys 1");
        assertThat(texts(MINE)).containsExactly("pixar ×");
        assertThat((Boolean) chromium.driver.executeScript(LOADED_EDITOR))
                .as("the editor's code is not loaded with the page")
                .isFalse();
        assertThat(chromium.axeViolations())
                .as("axe on the movie page with tags")
                .isEmpty();

        chromium.driver.findElement(By.id("add-tag")).click();
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-tag")));
        assertThat((Boolean) chromium.driver.executeScript(LOADED_EDITOR)).isTrue();
        assertThat(chromium.driver.switchTo().activeElement().getAttribute("id"))
                .isEqualTo("new-tag");
        input.sendKeys("  Buzz   Lightyear ");
        chromium.driver
                .findElement(By.cssSelector("#tag-editor button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tag-status"), "Added"));
        assertThat(texts(MINE))
                .as("as rendered: runs of spaces show as one")
                .containsExactly("pixar ×", "Buzz Lightyear ×");
        chromium.screenshot(SCREENSHOTS.resolve("tags.png"), 1400);
        input.sendKeys("PIXAR");
        chromium.driver
                .findElement(By.cssSelector("#tag-editor button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tag-status"), "already"));
        input.sendKeys("bad\u200Btag");
        chromium.driver
                .findElement(By.cssSelector("#tag-editor button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tag-status"), "Not changed"));
        assertThat(chromium.axeViolations()).as("axe with the editor open").isEmpty();

        chromium.driver
                .findElement(By.cssSelector("#tags ul[aria-label='Your tags'] li button"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tag-status"), "Removed “pixar”"));
        assertThat(texts(MINE)).containsExactly("Buzz Lightyear ×");
        awaitTagVersion(1, 3);

        open("/#/movies/1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tags ul")));
        chromium.driver.findElement(By.linkText("Pixar")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Movies tagged “Pixar”"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("movie-list"), "Toy Story"));
        assertThat(texts("#movie-list .movie-title")).containsExactly("Toy Story (1995)");
        assertThat(chromium.axeViolations()).as("axe on the tag search").isEmpty();
        assertThat(chromium.cspViolations()).isEmpty();
    }

    /**
     * The tag filter lives only in the URL (the form has no field for it), so changing a field must keep it: a
     * sort, then a genre, with {@code tag=toys} staying each time (from sort=popular, which lists unrated films).
     * Planted: apply() built the URL from the form's fields alone (as before) → the title sort listed Jumanji too
     * and the test failed.
     */
    @Test
    void changingAnotherFilterKeepsTheTagFilter() {
        open("/#/?sort=popular&tag=toys");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Movies tagged “toys”"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("movie-list"), "Toy Story"));

        WebElement before = chromium.driver.findElement(By.cssSelector("#movie-list li"));
        new Select(chromium.driver.findElement(By.id("sort"))).selectByValue("title");
        wait.until(ExpectedConditions.stalenessOf(before));
        // the list is filled and its summary set in one step: once a card is there, the page is complete
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#movie-list li"), 0));
        assertThat(chromium.driver.getCurrentUrl()).contains("tag=toys");
        assertThat(texts("#movie-list .movie-title")).containsExactly("Toy Story (1995)");
        assertThat(chromium.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Movies tagged “toys”");

        new Select(chromium.driver.findElement(By.id("genre"))).selectByValue("Adventure");
        wait.until(ExpectedConditions.urlContains("genre=Adventure"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("result-summary"), "No movies"));
        assertThat(chromium.driver.getCurrentUrl()).contains("tag=toys").contains("sort=title");
        assertThat(texts("#movie-list .movie-title"))
                .as("Jumanji is not tagged toys")
                .isEmpty();
        assertThat(chromium.axeViolations()).as("axe on the filtered list").isEmpty();
    }

    private static final String MINE = "#tags ul[aria-label='Your tags'] li";

    private static List<String> texts(String selector) {
        return chromium.driver.findElements(By.cssSelector(selector)).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static void open(String path) {
        chromium.driver.get("about:blank");
        chromium.driver.get(base + path);
        wait.until(
                ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Loading…")));
    }

    private static String tokenOf(String user) {
        return JSON.readTree(send("POST", "/api/dev/token", null, "{\"user\":\"" + user + "\"}")
                        .body())
                .get("token")
                .asString();
    }

    /** Read-your-writes: polls the caller's tag stream until the projection reached the write, at most 15 s. */
    private static void awaitTagVersion(long movie, long version) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (JSON.readTree(send("GET", "/api/me/tags?movie=" + movie, token, null)
                                .body())
                        .get("projectedVersion")
                        .asLong()
                < version) {
            assertThat(System.nanoTime()).as("projected in time").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static HttpResponse<String> send(String method, String path, String bearer, String body) {
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
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
