package dev.movieratings.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.ops.cli.OpsCommandLine;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
 * The browsing and rating experience in a real headless Chromium against the whole local runtime on
 * the MovieLens seed: search with a typo, rate with the keyboard only, inert review markup, spoilers,
 * axe-core on every page. Also saves the README's screenshots and prints the page weight, first
 * contentful paint and search latency (reported, not asserted, except the byte budget).
 * {@code -Dbrowser.baseUrl=http://127.0.0.1:8080} runs it against a runtime that is already up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyBrowserTest {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    /** Grumpier Old Men (1995): 52 MovieLens ratings, no reviews; the journey rates and reviews it. */
    private static final long MOVIE = 3;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final List<String> MEASUREMENTS = new ArrayList<>();

    private static BrowserSession browser;
    private static HeadlessChromium chromium;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        browser = BrowserSession.seededOrRunning("browser-journey");
        chromium = browser.chromium;
        wait = browser.wait;
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "browser-measurements.txt"), MEASUREMENTS);
        MEASUREMENTS.forEach(line -> System.out.println("[browser] " + line));
    }

    @Test
    @Order(1)
    void aMisspelledTitleInTheSearchBoxSuggestsTheFilmAndOpensIt() {
        browser.openFresh("/#/");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#movie-list li"), 10));
        WebElement search = chromium.driver.findElement(By.id("q"));

        search.sendKeys("shawshen");
        search.sendKeys("k");
        long typed = System.nanoTime();
        WebElement first = new WebDriverWait(chromium.driver, Duration.ofSeconds(10), Duration.ofMillis(5))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#q-suggestions [role=option]")));
        MEASUREMENTS.add(String.format(
                "typo suggestion for \"shawshenk\" shown %d ms after the last keystroke"
                        + " (of which 180 ms is the debounce)",
                (System.nanoTime() - typed) / 1_000_000));
        assertThat(first.getText()).contains("The Shawshank Redemption");
        assertThat(search.getAttribute("aria-expanded")).isEqualTo("true");
        chromium.screenshot(SCREENSHOTS.resolve("home.png"), 900);

        search.sendKeys(Keys.ARROW_DOWN);
        assertThat(search.getAttribute("aria-activedescendant")).isEqualTo(first.getAttribute("id"));
        search.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "The Shawshank Redemption"));
        assertThat(chromium.driver.getCurrentUrl()).endsWith("#/movies/318");
        assertThat(chromium.driver.findElement(By.id("imdb-link")).getAttribute("href"))
                .isEqualTo("https://www.imdb.com/title/tt0111161/");
        assertThat(chromium.driver.findElement(By.id("tmdb-link")).getAttribute("href"))
                .isEqualTo("https://www.themoviedb.org/movie/278");

        browser.openFresh("/#/?q=" + URLEncoder.encode("the shawshank redemption", StandardCharsets.UTF_8));
        assertThat(firstResultTitle()).isEqualTo("The Shawshank Redemption (1994)");
        browser.openFresh("/#/?q=miserables");
        assertThat(firstResultTitle()).startsWith("Les Misérables (");
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    @Order(2)
    void signingInAndRatingWithTheKeyboardOnlyChangesTheScore() {
        JsonNode before = browser.getJson("/api/movies/" + MOVIE, null);
        browser.openFresh("/#/movies/" + MOVIE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Grumpier Old Men"));

        signInWithTheKeyboard("kim-" + RUN);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rating-form")));

        WebElement radio = tabUntil("stars-0-5", 40);
        String focusRing = (String) chromium.driver.executeScript(
                "const s = getComputedStyle(arguments[0].nextElementSibling);"
                        + " return s.outlineStyle + ' ' + s.outlineWidth;",
                radio);
        assertThat(focusRing)
                .as("the focused half star shows a focus ring")
                .startsWith("solid")
                .doesNotEndWith(" 0px");
        assertThat(chromium.driver.executeScript(
                        "return [...document.querySelectorAll('label.half')].map(l => l.getBoundingClientRect())"
                                + ".every(r => r.width >= 24 && r.height >= 24)"))
                .as("every half star is a 24 px target (WCAG 2.5.8)")
                .isEqualTo(true);
        Actions keys = new Actions(chromium.driver);
        for (int i = 0; i < 9; i++) {
            keys.sendKeys(Keys.ARROW_RIGHT);
        }
        keys.perform();
        assertThat(chromium.driver
                        .findElement(By.cssSelector("input[name=stars]:checked"))
                        .getAttribute("value"))
                .isEqualTo("5.0");
        assertThat(chromium.driver.switchTo().activeElement().getAttribute("id"))
                .isEqualTo("stars-5-0");
        assertThat(chromium.driver.findElement(By.cssSelector(".star-readout")).getText())
                .isEqualTo("5.0 / 5");

        // another user's event the projector cannot apply holds the global watermark below this write
        JsonNode poison = browser.runtime == null ? null : plantPoison("poison-" + RUN);
        chromium.driver.executeScript("window.__statuses = []; const s = document.getElementById('rating-status');"
                + " new MutationObserver(() => window.__statuses.push(s.textContent))"
                + ".observe(s, { childList: true, characterData: true, subtree: true });");
        tabUntil("save-rating", 10);
        new Actions(chromium.driver).sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("rating-status"), "The score now includes your rating"));

        @SuppressWarnings("unchecked")
        List<String> statuses = (List<String>) chromium.driver.executeScript("return window.__statuses");
        assertThat(statuses)
                .as("read-your-writes: saving… until the projection reached the write")
                .first()
                .isEqualTo("Saving…");
        if (poison != null) {
            assertThat(browser.getJson("/api/movies/" + MOVIE, null)
                            .get("projectedThrough")
                            .asLong())
                    .as("saved through the writer's own stream version while the poison holds the watermark")
                    .isLessThan(poison.get("position").asLong());
            unstick(poison);
        }
        JsonNode after = browser.getJson("/api/movies/" + MOVIE, null);
        assertThat(after.get("ratingCount").asLong())
                .isEqualTo(before.get("ratingCount").asLong() + 1);
        assertThat(browser.text("rating-count"))
                .isEqualTo(after.get("ratingCount").asLong() + " ratings");
        assertThat(browser.text("weighted-rating"))
                .isEqualTo(String.format("%.2f", after.get("weightedRating").asDouble()))
                .isNotEqualTo(String.format("%.2f", before.get("weightedRating").asDouble()));
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    @Order(3)
    void reviewsCarryingScriptAndImageMarkupShowAsInertText() {
        String payload =
                "<script>window.__pwned = 'script'</script><img src=x onerror=\"window.__pwned = 'img'\"> so scary";
        rateAs(
                "mallory-" + RUN,
                "{\"stars\":1.5,\"review\":{\"text\":" + BrowserSession.JSON.writeValueAsString(payload)
                        + ",\"spoiler\":false}}");

        browser.openFresh("/#/movies/" + MOVIE);
        WebElement review = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//li[contains(@class,'review')][.//*[contains(text(),'mallory-" + RUN
                        + "')]]//p[contains(@class,'review-text')]")));
        assertThat(review.getText()).isEqualTo(payload);
        assertThat(chromium.driver.findElements(By.cssSelector("#review-list img, #review-list script")))
                .isEmpty();
        assertThat(chromium.driver.executeScript("return window.__pwned === undefined"))
                .isEqualTo(true);
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    @Order(4)
    void aSpoilerStaysHiddenUntilTheReaderRevealsIt() {
        String secret = "Rosebud was the sled all along " + RUN;
        rateAs("sam-" + RUN, "{\"stars\":4,\"review\":{\"text\":\"" + secret + "\",\"spoiler\":true}}");

        browser.openFresh("/#/movies/" + MOVIE);
        WebElement item = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//li[contains(@class,'spoiler')][.//*[contains(text(),'sam-" + RUN + "')]]")));
        WebElement body = item.findElement(By.cssSelector(".review-text"));
        assertThat(body.isDisplayed()).isFalse();
        assertThat(chromium.driver.findElement(By.tagName("body")).getText()).doesNotContain(secret);

        WebElement reveal = item.findElement(By.cssSelector("button.reveal"));
        assertThat(reveal.getAttribute("aria-expanded")).isEqualTo("false");
        reveal.click();
        assertThat(body.isDisplayed()).isTrue();
        assertThat(body.getText()).isEqualTo(secret);
        assertThat(reveal.getAttribute("aria-expanded")).isEqualTo("true");
    }

    @Test
    @Order(5)
    void homeMovieAndMyRatingsPagesHaveNoAccessibilityViolations() {
        browser.openFresh("/#/");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#movie-list li"), 10));
        assertThat(chromium.axeViolations()).as("axe on the home page").isEmpty();

        browser.openFresh("/#/movies/" + MOVIE);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#review-list li")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rating-form")));
        assertThat(chromium.axeViolations())
                .as("axe on the movie page, signed in")
                .isEmpty();
        chromium.screenshot(SCREENSHOTS.resolve("movie.png"));

        browser.atPhoneWidth(() -> {
            browser.openFresh("/#/?q=star+wars&genre=Sci-Fi&from=1977");
            wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#movie-list li"), 3));
            browser.assertFitsPhoneWidth("home");
            browser.openFresh("/#/movies/" + MOVIE);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#review-list li")));
            browser.assertFitsPhoneWidth("movie");
            chromium.screenshot(SCREENSHOTS.resolve("movie-360.png"));
        });

        browser.openFresh("/#/me/ratings");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#my-ratings li")));
        assertThat(chromium.driver.findElement(By.cssSelector("#my-ratings li")).getText())
                .contains("Grumpier Old Men")
                .contains("5.0 ★");
        assertThat(chromium.axeViolations()).as("axe on my ratings").isEmpty();
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    @Order(6)
    void theOwnRatingCanBeReviewedEditedAndDeletedAndThePageFollows() {
        JsonNode before = browser.getJson("/api/movies/" + MOVIE, null);
        browser.openFresh("/#/movies/" + MOVIE);
        WebElement text = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-text")));
        assertThat(chromium.driver
                        .findElement(By.cssSelector("input[name=stars]:checked"))
                        .getAttribute("value"))
                .as("the form starts from the rating saved earlier")
                .isEqualTo("5.0");
        text.sendKeys("Walter Matthau steals it.");
        chromium.driver.findElement(By.id("save-rating")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("rating-status"), "The score now includes your rating"));
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("review-list"), "Walter Matthau steals it."));
        assertThat(browser.text("reviews-heading"))
                .isEqualTo("Reviews (" + (before.get("reviewCount").asLong() + 1) + ")");

        chromium.driver.findElement(By.id("delete-rating")).click();
        // issue 20: deleting asks first (PersonalListsBrowserTest covers the question)
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-delete")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rating-status"), "Deleted"));
        assertThat(browser.text("rating-count"))
                .isEqualTo((before.get("ratingCount").asLong() - 1) + " ratings");
        assertThat(browser.text("review-list")).doesNotContain("Walter Matthau");
        assertThat(chromium.driver.findElements(By.cssSelector("input[name=stars]:checked")))
                .isEmpty();
        assertThat(chromium.driver.findElement(By.id("delete-rating")).isDisplayed())
                .isFalse();
        assertThat(browser.getJson("/api/movies/" + MOVIE, null)
                        .get("ratingCount")
                        .asLong())
                .isEqualTo(before.get("ratingCount").asLong() - 1);
    }

    @Test
    @Order(7)
    @SuppressWarnings("unchecked")
    void theMoviePageShipsLittleFirstPartyCodeAndPaintsQuickly() {
        chromium.driver.executeCdpCommand("Network.enable", Map.of());
        chromium.driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        chromium.driver.get("about:blank");
        chromium.driver.get(browser.base + "/#/movies/318");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("weighted-rating")));
        @SuppressWarnings("unchecked")
        Map<String, Object> page = (Map<String, Object>)
                chromium.driver.executeScript("const nav = performance.getEntriesByType('navigation')[0];"
                        + "const files = performance.getEntriesByType('resource')"
                        + ".filter(r => /\\.(js|css)(\\?|$)/.test(r.name));"
                        + "const fcp = performance.getEntriesByName('first-contentful-paint')[0];"
                        + "return { html: nav.decodedBodySize,"
                        + " code: files.reduce((sum, r) => sum + r.decodedBodySize, 0), files: files.length,"
                        + " origins: [...new Set(performance.getEntriesByType('resource')"
                        + ".map(r => new URL(r.name).origin))],"
                        + " fcp: fcp ? Math.round(fcp.startTime) : -1 };");
        chromium.driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
        long bytes = ((Number) page.get("html")).longValue() + ((Number) page.get("code")).longValue();
        MEASUREMENTS.add(String.format(
                "movie page ships %,d bytes of HTML+CSS+JS uncompressed (%d CSS/JS files), budget 61,440",
                bytes, ((Number) page.get("files")).intValue()));
        MEASUREMENTS.add(
                "first contentful paint of the movie page on localhost, cache disabled: " + page.get("fcp") + " ms");
        assertThat(bytes)
                .as("page weight budget: 60 KB of HTML, CSS and JS")
                .isPositive()
                .isLessThanOrEqualTo(60 * 1024);
        assertThat((List<Object>) page.get("origins"))
                .as("no third-party code or requests")
                .containsOnly(browser.base);
        assertThat(((Number) page.get("fcp")).longValue())
                .as("the browser reported a first contentful paint")
                .isPositive();

        @SuppressWarnings("unchecked")
        List<Number> millis =
                (List<Number>) chromium.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "(async () => { const times = [];"
                        + " for (let i = 0; i < 65; i++) {"
                        + " const q = ['shawshenk', 'godfater', 'matirx', 'miserables', 'amelie'][i % 5];"
                        + " const t = performance.now();"
                        + "  const page = await (await fetch('/api/movies?limit=6&q=' + q,"
                        + " { cache: 'no-store' })).json();"
                        + "  if (!page.items.length) throw new Error('no match for ' + q);"
                        + " times.push(performance.now() - t); }"
                        + " return times; })().then(done, e => done(['' + e]));");
        assertThat(millis).hasSize(65).allSatisfy(ms -> assertThat(ms).isInstanceOf(Number.class));
        List<Double> warm = millis.subList(40, 65).stream()
                .map(Number::doubleValue)
                .sorted()
                .toList();
        MEASUREMENTS.add(String.format(
                "typo search (shawshenk, godfater, matirx, …) fetched by the page over MovieLens's 9,742 titles:"
                        + " first request %.1f ms; after 40 warm-up requests, 25 requests:"
                        + " median %.1f ms, p90 %.1f ms, max %.1f ms",
                millis.get(0).doubleValue(), warm.get(12), warm.get(22), warm.get(24)));
    }

    @Test
    @Order(8)
    void theProfilePageSetsTheNameShownWithReviewsAndHasNoAccessibilityViolations() {
        browser.openFresh("/#/profile");
        WebElement name = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("display-name")));
        assertThat(chromium.axeViolations()).as("axe on the profile page").isEmpty();
        name.clear();
        name.sendKeys("Ka​te " + RUN);
        chromium.driver
                .findElement(By.cssSelector("#profile-form button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("display-name-status"), "Not saved"));
        assertThat(browser.text("display-name-status")).contains("U+200B");

        String chosen = "Kate " + RUN.replaceAll("[0-9]", "k");
        name.clear();
        name.sendKeys(chosen);
        name.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("display-name-status"), "Saved"));
        assertThat(chromium.axeViolations())
                .as("axe on the profile page after saving")
                .isEmpty();

        String token = browser.pageToken();
        HttpResponse<String> put = browser.send(
                "PUT", "/api/movies/" + MOVIE + "/rating", token, "{\"stars\":3,\"review\":{\"text\":\"Named.\"}}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
        long position = BrowserSession.JSON.readTree(put.body()).get("position").asLong();
        browser.awaitProjectedThrough("/api/movies/" + MOVIE, position);
        browser.openFresh("/#/movies/" + MOVIE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-list"), chosen));
        browser.openFresh("/#/profile");
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("display-name")))
                        .getAttribute("value"))
                .isEqualTo(chosen);
        browser.atPhoneWidth(() -> {
            browser.openFresh("/#/profile");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("display-name")));
            browser.assertFitsPhoneWidth("profile");
        });
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    @Order(9)
    void signingOutEndsTheIssuersSessionSoTheNextSignInAsksForTheNameAgain() {
        browser.openFresh("/#/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));
        chromium.driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        assertThat(chromium.driver.getCurrentUrl()).startsWith(browser.base);
        assertThat(chromium.driver.executeScript("return localStorage.getItem('movie-ratings.token')"))
                .isNull();

        chromium.driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(chromium.driver.getCurrentUrl()).contains("/login");
    }

    /**
     * Signs in as on AWS: "Sign in" leads to the issuer's own page (another origin, as Cognito's hosted
     * UI), the name typed there comes back as a code, and the page trades it for tokens with its PKCE
     * verifier. Keyboard only.
     */
    private static void signInWithTheKeyboard(String user) {
        String site = chromium.driver.getCurrentUrl();
        // focus starts at the page's heading: its links (IMDb, TMDB, similar movies, reviews) come before the header's
        tabUntil("sign-in", 60);
        new Actions(chromium.driver).sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.urlContains("/login"));
        String signInPage = chromium.driver.getCurrentUrl();
        assertThat(URI.create(signInPage).getPort())
                .as("the sign-in page is the issuer's, on its own origin")
                .isNotEqualTo(URI.create(browser.base).getPort());
        assertThat(chromium.driver.switchTo().activeElement().getAttribute("id"))
                .as("the user name field has the focus")
                .isEqualTo("username");
        assertThat(chromium.axeViolations()).as("axe on the sign-in page").isEmpty();
        new Actions(chromium.driver).sendKeys(user).sendKeys(Keys.ENTER).perform();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));
        assertThat(browser.text("signed-in-name")).isEqualTo(user);
        assertThat(chromium.driver.getCurrentUrl())
                .as("back where the sign-in started, the code gone from the address")
                .isEqualTo(site)
                .doesNotContain("code=");
        String token = browser.pageToken();
        JsonNode claims = BrowserSession.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("token_use").asString())
                .as("the API is called with the access token")
                .isEqualTo("access");
        assertThat(claims.get("sub").asString()).isEqualTo("local-" + user);
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    @Order(9)
    void theMoviePageDrawsTheScoreHistoryAndGivesItsNumbersInATableAndListsSimilarMovies() {
        for (long id : new long[] {1, 318}) {
            List<String> five = new ArrayList<>();
            browser.getJson("/api/movies/" + id + "/similar?limit=5", null)
                    .get("items")
                    .forEach(m -> five.add(
                            m.get("id").asLong() + " " + m.get("displayTitle").asString() + " "
                                    + m.get("similarity").asDouble() + " ("
                                    + m.get("coLikes").asInt() + " co-likes)"));
            MEASUREMENTS.add("five most similar to movie " + id + ": " + String.join("; ", five));
        }
        JsonNode similar = browser.getJson("/api/movies/318/similar", null);
        JsonNode history = browser.getJson("/api/movies/318/history?interval=month", null);
        JsonNode days = browser.getJson("/api/movies/318/history?interval=day", null);
        MEASUREMENTS.add("score history of movie 318: " + history.get("points").size() + " month points, "
                + days.get("points").size() + " day points");
        browser.openFresh("/#/movies/318");
        WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history-chart")));
        assertThat(chart.getAttribute("role")).isEqualTo("img");
        assertThat(chromium.driver.findElement(By.id("history-summary")).getAttribute("textContent"))
                .startsWith("Average rating by month, from ")
                .endsWith("over " + history.get("points").size() + " months with new ratings.");
        assertThat(chart.findElements(By.cssSelector("polyline, circle"))).isNotEmpty();
        chromium.driver
                .findElement(By.cssSelector("#score-history details summary"))
                .click();
        List<WebElement> rows = chromium.driver.findElements(By.cssSelector("#history-table tbody tr"));
        assertThat(rows).hasSize(history.get("points").size());
        JsonNode last = history.get("points").get(history.get("points").size() - 1);
        assertThat(rows.get(rows.size() - 1).getText())
                .endsWith(last.get("ratingCount").asLong() + " "
                        + String.format("%.2f", last.get("average").asDouble()));
        List<WebElement> alike = chromium.driver.findElements(By.cssSelector("#similar-list li"));
        assertThat(alike).hasSize(similar.get("items").size()).hasSizeGreaterThan(0);
        assertThat(alike.get(0).getText())
                .startsWith(similar.get("items").get(0).get("displayTitle").asString());
        assertThat(chromium.axeViolations())
                .as("axe on the movie page with its history and similar movies")
                .isEmpty();
        alike.get(0).findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.urlContains(
                "#/movies/" + similar.get("items").get(0).get("id").asLong()));
        assertThat(chromium.cspViolations()).isEmpty();
    }

    private static String firstResultTitle() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#movie-list li .movie-title")))
                .getText();
    }

    /** Presses Tab until the element with this id has focus, as a keyboard user would. */
    private static WebElement tabUntil(String id, int maxPresses) {
        for (int i = 0; i < maxPresses; i++) {
            new Actions(chromium.driver).sendKeys(Keys.TAB).perform();
            WebElement focused = chromium.driver.switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) {
                return focused;
            }
        }
        throw new AssertionError("#" + id + " never took the focus after " + maxPresses + " presses of Tab");
    }

    /** A projector bug that bites on this user's events: their rating is accepted and never applied. */
    private static JsonNode plantPoison(String user) {
        browser.runtime.functionEnvironment().put("PROJECTOR_FAIL_USERS", "local-" + user);
        String token = browser.tokenOf(user);
        HttpResponse<String> put = browser.send("PUT", "/api/movies/1/rating", token, "{\"stars\":2}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
        return BrowserSession.JSON.readTree(put.body());
    }

    /** The event parked and the fix "deployed", so later steps that wait for the watermark are not held. */
    private static void unstick(JsonNode poison) {
        int parked = OpsCommandLine.run(
                "events",
                "park",
                "--event",
                poison.get("eventId").asString(),
                "--reason",
                "browser test poison",
                "--local-data",
                browser.data.toString());
        browser.runtime.functionEnvironment().remove("PROJECTOR_FAIL_USERS");
        assertThat(parked).isZero();
    }

    /** Rates as {@code user}, whose reviews show their user name: they chose it as their display name. */
    private static void rateAs(String user, String body) {
        String token = browser.tokenOf(user);
        HttpResponse<String> named =
                browser.send("PUT", "/api/me/profile", token, "{\"displayName\":\"" + user + "\"}");
        assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
        HttpResponse<String> put = browser.send("PUT", "/api/movies/" + MOVIE + "/rating", token, body);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
        long position = BrowserSession.JSON.readTree(put.body()).get("position").asLong();
        browser.awaitProjectedThrough("/api/movies/" + MOVIE, position);
    }
}
