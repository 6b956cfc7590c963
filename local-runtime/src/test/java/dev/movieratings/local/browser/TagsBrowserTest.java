package dev.movieratings.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Tags (issue 19) in a real headless Chromium against the whole local runtime: the movie page's top tags (links that
 * run the tag search), your own tags with remove buttons, and "Add a tag", whose code (tag-editor.js) is fetched on
 * the first click only. axe-core on each state.
 */
class TagsBrowserTest {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private static final String USER = "tess-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String LOADED_EDITOR =
            "return performance.getEntriesByType('resource').some((e) => e.name.endsWith('/js/tag-editor.js'))";

    private static BrowserSession browser;
    private static String token;
    private static HeadlessChromium chromium;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        browser = BrowserSession.unseeded("browser-tags");
        chromium = browser.chromium;
        wait = browser.wait;
        browser.database().sql("""
                        insert into movies (movie_id, title, release_year, genres) values
                            (1, 'Toy Story', 1995, '{Animation,Comedy}'),
                            (2, 'Jumanji', 1995, '{Adventure}')""").update();
        token = browser.tokenOf(USER);
        String other = browser.tokenOf("uma-" + UUID.randomUUID().toString().substring(0, 6));
        for (String tag : List.of("Pixar", "toys")) {
            HttpResponse<String> added = browser.send("POST", "/api/me/tags/1", other, "{\"tag\":\"" + tag + "\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(202);
        }
        browser.send("POST", "/api/me/tags/1", token, "{\"tag\":\"pixar\"}");
        awaitTagVersion(1, 1);
        browser.signInWithToken(USER, token);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void topTagsLinkToTheSearchAndYourTagsAreAddedAndRemovedWithAnEditorLoadedOnFirstClick() {
        browser.open("/#/movies/1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tags ul")));
        assertThat(browser.texts("#tags ul:first-of-type li"))
                .as("counted by key, commonest spelling")
                .containsExactly("Pixar 2", "toys 1");
        assertThat(browser.texts(MINE)).containsExactly("pixar ×");
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
        assertThat(browser.texts(MINE))
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
        assertThat(browser.texts(MINE)).containsExactly("Buzz Lightyear ×");
        awaitTagVersion(1, 3);

        browser.open("/#/movies/1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tags ul")));
        chromium.driver.findElement(By.linkText("Pixar")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Movies tagged “Pixar”"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("movie-list"), "Toy Story"));
        assertThat(browser.texts("#movie-list .movie-title")).containsExactly("Toy Story (1995)");
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
        browser.open("/#/?sort=popular&tag=toys");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Movies tagged “toys”"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("movie-list"), "Toy Story"));

        WebElement before = chromium.driver.findElement(By.cssSelector("#movie-list li"));
        new Select(chromium.driver.findElement(By.id("sort"))).selectByValue("title");
        wait.until(ExpectedConditions.stalenessOf(before));
        // the list is filled and its summary set in one step: once a card is there, the page is complete
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#movie-list li"), 0));
        assertThat(chromium.driver.getCurrentUrl()).contains("tag=toys");
        assertThat(browser.texts("#movie-list .movie-title")).containsExactly("Toy Story (1995)");
        assertThat(chromium.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Movies tagged “toys”");

        new Select(chromium.driver.findElement(By.id("genre"))).selectByValue("Adventure");
        wait.until(ExpectedConditions.urlContains("genre=Adventure"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("result-summary"), "No movies"));
        assertThat(chromium.driver.getCurrentUrl()).contains("tag=toys").contains("sort=title");
        assertThat(browser.texts("#movie-list .movie-title"))
                .as("Jumanji is not tagged toys")
                .isEmpty();
        assertThat(chromium.axeViolations()).as("axe on the filtered list").isEmpty();
    }

    private static final String MINE = "#tags ul[aria-label='Your tags'] li";

    /** Read-your-writes: polls the caller's tag stream until the projection reached the write, at most 15 s. */
    private static void awaitTagVersion(long movie, long version) {
        browser.awaitProjectedVersion("/api/me/tags?movie=" + movie, token, version);
    }
}
