package dev.movieratings.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The diary in a real headless Chromium against the whole local runtime: "Log a viewing" on a movie page
 * (stars that also set the rating, a rewatch, a note that stays inert text), the Diary page grouped by
 * month with its year navigation, editing a viewing (it moves to its new month) and deleting one after a
 * confirmation (the rating stays), axe-core on both and no CSP violation.
 * {@code -Dbrowser.baseUrl=http://127.0.0.1:8080} runs it against a runtime that is already up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiaryBrowserTest {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    /** Toy Story (1995). */
    private static final long MOVIE = 1;

    private static final String USER = "dee-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String NOTE = "with <b>Ann</b> <img src=x onerror=alert(1)>";

    private static BrowserSession browser;
    private static HeadlessChromium chromium;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        browser = BrowserSession.seededOrRunning("browser-diary");
        chromium = browser.chromium;
        wait = browser.wait;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void loggingAViewingWithStarsPutsItInTheDiaryAndSetsTheRating() {
        browser.openFresh("/#/movies/" + MOVIE);
        signIn();
        WebElement opener = wait.until(ExpectedConditions.elementToBeClickable(By.id("open-log-viewing")));
        assertThat(chromium.axeViolations())
                .as("axe on the movie page with the diary's button")
                .isEmpty();
        opener.click();
        WebElement watched = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("watched-on")));
        assertThat(chromium.driver.switchTo().activeElement().getAttribute("id"))
                .as("the form takes the focus")
                .isEqualTo("watched-on");
        assertThat(watched.getAttribute("max"))
                .as("today in UTC+14 at the latest")
                .isNotBlank();
        chromium.driver.executeScript("arguments[0].value = '2024-03-10'", watched);
        chromium.driver.findElement(By.id("rewatch")).click();
        chromium.driver
                .findElement(By.cssSelector("label[for='viewing-stars-4-0']"))
                .click();
        chromium.driver.findElement(By.id("viewing-note")).sendKeys(NOTE);
        assertThat(chromium.axeViolations())
                .as("axe on the movie page with the viewing form")
                .isEmpty();
        chromium.screenshot(SCREENSHOTS.resolve("log-viewing.png"), 1400);

        chromium.driver.findElement(By.id("log-viewing-button")).click();
        WebElement seeDiary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("see-diary")));

        assertThat(chromium.driver.findElement(By.id("viewing-status")).getText())
                .startsWith("Logged in your diary.");
        JsonNode mine = browser.getJson("/api/me/ratings?movie=" + MOVIE, browser.pageToken());
        assertThat(mine.get("items").get(0).get("stars").asDouble())
                .as("the viewing's stars are the rating now")
                .isEqualTo(4.0);
        assertThat(chromium.cspViolations()).isEmpty();
        seeDiary.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Diary 2024"));
    }

    @Test
    @Order(2)
    void theDiaryGroupsAYearByMonthAndMovesBetweenYears() {
        HttpResponse<String> second = browser.send(
                "POST",
                "/api/me/diary",
                browser.pageToken(),
                "{\"movieId\":318,\"watchedOn\":\"2023-12-31\",\"rewatch\":false}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        browser.openFresh("/#/diary?year=2024");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Diary 2024"));

        List<WebElement> months = chromium.driver.findElements(By.cssSelector(".diary-month h2"));
        assertThat(months).extracting(WebElement::getText).containsExactly("March 2024");
        WebElement entry = chromium.driver.findElement(By.cssSelector(".diary-entry"));
        assertThat(entry.getText()).contains("Toy Story").contains("rewatch").contains("4.0");
        assertThat(entry.findElement(By.className("diary-note")).getText())
                .as("the note is text, never markup")
                .isEqualTo(NOTE);
        assertThat(entry.findElements(By.tagName("img"))).isEmpty();
        List<WebElement> years = chromium.driver.findElements(By.cssSelector(".diary-years a"));
        assertThat(years).extracting(WebElement::getText).containsExactly("2024", "2023");
        assertThat(years.get(0).getAttribute("aria-current")).isEqualTo("page");
        assertThat(chromium.axeViolations()).as("axe on the diary").isEmpty();
        chromium.screenshot(SCREENSHOTS.resolve("diary.png"), 900);

        years.get(1).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Diary 2023"));
        assertThat(chromium.driver
                        .findElement(By.cssSelector(".diary-month h2"))
                        .getText())
                .isEqualTo("December 2023");
        assertThat(chromium.driver.findElement(By.cssSelector(".diary-entry")).getText())
                .contains("Shawshank");
        assertThat(chromium.cspViolations()).isEmpty();
    }

    /**
     * "Edit" opens the logging form prefilled with the entry; a new day in another month moves the entry there,
     * changed stars become the rating, and a reload shows the same. Planted: the form sent the entry's old day
     * (watchedOn: entry.watchedOn) → the entry stayed in March and the test failed.
     */
    @Test
    @Order(3)
    void editingAViewingsDayMovesItToThatMonth() {
        browser.openFresh("/#/diary?year=2024");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".diary-entry button.edit")))
                .click();
        WebElement watched = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-watched-on")));
        assertThat(chromium.driver.switchTo().activeElement().getAttribute("id"))
                .as("the form takes the focus")
                .isEqualTo("edit-watched-on");
        assertThat(watched.getAttribute("value")).as("prefilled").isEqualTo("2024-03-10");
        assertThat(chromium.driver.findElement(By.id("edit-rewatch")).isSelected())
                .isTrue();
        assertThat(chromium.driver.findElement(By.id("edit-viewing-stars-4-0")).isSelected())
                .isTrue();
        assertThat(chromium.driver.findElement(By.id("edit-viewing-note")).getAttribute("value"))
                .isEqualTo(NOTE);
        assertThat(chromium.axeViolations()).as("axe on the diary's edit form").isEmpty();

        chromium.driver.executeScript("arguments[0].value = '2024-07-04'", watched);
        chromium.driver
                .findElement(By.cssSelector("label[for='edit-viewing-stars-4-5']"))
                .click();
        chromium.driver.findElement(By.id("edit-log-viewing-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("diary-status"), "Saved the viewing"));
        assertThat(monthHeadings()).as("moved to its new month").containsExactly("July 2024");
        assertThat(chromium.driver.findElement(By.cssSelector(".diary-entry")).getText())
                .contains("Toy Story")
                .contains("4.5");
        assertThat(browser.getJson("/api/me/ratings?movie=" + MOVIE, browser.pageToken())
                        .get("items")
                        .get(0)
                        .get("stars")
                        .asDouble())
                .as("changed stars set the rating")
                .isEqualTo(4.5);
        assertThat(chromium.axeViolations())
                .as("axe on the diary after an edit")
                .isEmpty();

        browser.openFresh("/#/diary?year=2024");
        assertThat(monthHeadings()).as("after a reload").containsExactly("July 2024");
        assertThat(chromium.driver
                        .findElement(By.cssSelector(".diary-entry .diary-note"))
                        .getText())
                .isEqualTo(NOTE);
        assertThat(chromium.cspViolations()).isEmpty();
    }

    /**
     * Delete asks first (the safe answer focused), says the rating stays, and the entry is gone, also after a
     * reload. Planted: the confirmation removed the item without calling the API → the reload showed it again.
     */
    @Test
    @Order(4)
    void deletingAViewingAsksFirstAndLeavesTheRating() {
        browser.openFresh("/#/diary?year=2024");
        WebElement delete =
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".diary-entry button.danger")));
        delete.click();
        WebElement keep = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".diary-entry .keep")));
        assertThat(chromium.driver.switchTo().activeElement()).isEqualTo(keep);
        assertThat(chromium.driver
                        .findElement(By.cssSelector(".diary-entry .confirm"))
                        .getText())
                .contains("Your rating of it stays");
        assertThat(chromium.axeViolations()).as("axe while asking").isEmpty();
        keep.click();
        assertThat(chromium.driver.findElements(By.cssSelector(".diary-entry")))
                .as("kept")
                .hasSize(1);

        delete.click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".diary-entry .confirm-delete")))
                .click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("diary-status"), "Your rating of it stays"));
        assertThat(chromium.driver.findElements(By.cssSelector(".diary-entry"))).isEmpty();
        assertThat(browser.getJson("/api/me/ratings?movie=" + MOVIE, browser.pageToken())
                        .get("items")
                        .get(0)
                        .get("stars")
                        .asDouble())
                .isEqualTo(4.5);
        assertThat(chromium.axeViolations())
                .as("axe on the diary after a deletion")
                .isEmpty();

        browser.openFresh("/#/diary?year=2024");
        assertThat(chromium.driver.findElements(By.cssSelector(".diary-entry")))
                .as("gone after a reload")
                .isEmpty();
    }

    private static List<String> monthHeadings() {
        return chromium.driver.findElements(By.cssSelector(".diary-month h2")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static void signIn() {
        chromium.driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        new Actions(chromium.driver).sendKeys(USER).sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));
    }
}
