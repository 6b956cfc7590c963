package dev.movieratings.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.rating.tag.TagText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tag reads (issue 19) through the real query function over projections rebuilt from events, the texts in the
 * personal store as the command leaves them: a film's top tags with counts, the tag= filter (case-insensitive,
 * with the other filters, bad values a 400 problem), and the caller's own tags with the projected version. A tag
 * taken off and an erased person's tag count nowhere.
 */
class TagQueriesIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static EmbeddedDatabase database;
    private static LocalLambda queries;
    private static JdbcClient jdbc;

    /**
     * Films 1 (Animation), 2 (Comedy), 3 (Comedy). On 1: "Funny" by alice, "funny" by bob and erin, "dark" by alice;
     * carol's "funny" erased. On 2: bob's "FUNNY". On 3: dave's "funny", taken off.
     */
    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseLogins logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("""
                        insert into movies (movie_id, title, release_year, genres) values
                            (1, 'Toy Story', 1995, '{Animation}'), (2, 'Airplane!', 1980, '{Comedy}'),
                            (3, 'Jumanji', 1995, '{Comedy}')""").update();
        tag("alice", 1, 1, "Funny");
        tag("alice", 1, 2, "dark");
        tag("bob", 1, 1, "funny");
        tag("erin", 1, 1, "funny");
        tag("bob", 2, 1, "FUNNY");
        UUID carols = tag("carol", 1, 1, "funny");
        append(new MovieUntagged(UUID.randomUUID(), "carol", 1, 2, T0, null, UUID.randomUUID()));
        jdbc.sql("delete from personal.tags where tag_id = ?").param(carols).update();
        UUID daves = tag("dave", 3, 1, "funny");
        append(new MovieUntagged(UUID.randomUUID(), "dave", 3, 2, T0, daves, null));
        jdbc.sql("delete from personal.tags where tag_id = ?").param(daves).update();
        JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS)).rebuildAll();
        queries = LocalLambda.start(
                QueryApiApplication.class,
                "movieQueries",
                logins.springDataSource(
                        DatabaseRole.QUERY,
                        Map.of("CURSOR_SIGNING_KEY", "cXVlcnktYXBpLXRlc3RzLWN1cnNvci1zaWduaW5nLWtleQ==")));
    }

    @Test
    void aFilmsTopTagsCountPeopleByKeyWithTheCommonestSpelling() {
        JsonNode movie = json(get("/api/movies/1", "", null));

        assertThat(movie.get("tags").toString())
                .as("carol's erased tag is not counted")
                .isEqualTo("[{\"tag\":\"funny\",\"count\":3},{\"tag\":\"dark\",\"count\":1}]");
        assertThat(json(get("/api/movies/3", "", null)).get("tags").toString())
                .as("dave took his off")
                .isEqualTo("[]");
    }

    @Test
    void theTagFilterIsCaseInsensitiveAndCombinesWithTheOtherFilters() {
        // by title: the top list holds rated films only, and these have no ratings
        assertThat(ids(json(get("/api/movies", "tag=FuNnY&sort=title", null)))).containsExactly(2L, 1L);
        assertThat(ids(json(get("/api/movies", "tag=funny&genre=Comedy&sort=title", null))))
                .containsExactly(2L);
        assertThat(ids(json(get("/api/movies", "tag=dark&year=1995&sort=title", null))))
                .containsExactly(1L);
        assertThat(ids(json(get("/api/movies", "tag=dark&q=jumanji", null)))).isEmpty();
        assertThat(ids(json(get("/api/movies", "tag=nobody&sort=title", null)))).isEmpty();
    }

    @Test
    void theFilterPagesWithACursorBoundToTheTag() {
        JsonNode first = json(get("/api/movies", "tag=funny&sort=title&limit=1", null));
        String cursor = first.get("nextCursor").asString();

        assertThat(ids(json(get("/api/movies", "tag=funny&sort=title&limit=1&cursor=" + cursor, null))))
                .containsExactly(1L);
        assertThat(get("/api/movies", "tag=dark&sort=title&limit=1&cursor=" + cursor, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tag=%E2%80%AEevil", "tag=a%09b", "tag=%20%20", "tag=%EF%BB%BFbom"})
    void aTagThatCannotBeWrittenIsA400ProblemNamingTheParameter(String query) {
        ApiGatewayEvents.Response response = get("/api/movies", query, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(json(response).get("detail").asString()).contains("tag");
    }

    @Test
    void aTooLongTagIsA400Problem() {
        String tag = URLEncoder.encode("x".repeat(TagText.MAX_LENGTH + 1), StandardCharsets.UTF_8);
        assertThat(get("/api/movies", "tag=" + tag, null).statusCode()).isEqualTo(400);
        assertThat(get("/api/movies", "tag=" + "x".repeat(16 * 1024), null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theCallersOwnTagsWithTheProjectedVersion() {
        JsonNode alices = json(get("/api/me/tags", "movie=1", "alice"));
        assertThat(alices.get("tags").toString()).isEqualTo("[\"dark\",\"Funny\"]");
        assertThat(alices.get("projectedVersion").asInt()).isEqualTo(2);
        JsonNode carols = json(get("/api/me/tags", "movie=1", "carol"));
        assertThat(carols.get("tags").toString()).isEqualTo("[]");
        assertThat(carols.get("projectedVersion").asInt()).isEqualTo(2);
        assertThat(json(get("/api/me/tags", "movie=2", "alice"))
                        .get("projectedVersion")
                        .asInt())
                .isZero();
        assertThat(get("/api/me/tags", "", "alice").statusCode()).isEqualTo(400);
        assertThat(get("/api/me/tags", "movie=x", "alice").statusCode()).isEqualTo(400);
        assertThat(get("/api/me/tags", "movie=1", null).statusCode()).isEqualTo(401);
    }

    private static UUID tag(String user, long movie, int version, String text) {
        UUID tagId = UUID.randomUUID();
        TagText tag = TagText.of(text);
        jdbc.sql("insert into personal.tags (tag_id, user_id, movie_id, text, key) values (?, ?, ?, ?, ?)")
                .params(tagId, user, movie, tag.text(), tag.key())
                .update();
        append(new MovieTagged(UUID.randomUUID(), user, movie, version, T0, tagId));
        return tagId;
    }

    private static void append(dev.movieratings.events.RatingEvent event) {
        EventTable.append(database.dataSource(), event);
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static JsonNode json(ApiGatewayEvents.Response response) {
        return JSON.readTree(response.body());
    }

    private static ApiGatewayEvents.Response get(String path, String query, @Nullable String user) {
        String route = path.startsWith("/api/movies/") ? "/api/movies/{id}" : path;
        Map<String, String> parameters =
                path.startsWith("/api/movies/") ? Map.of("id", path.substring("/api/movies/".length())) : Map.of();
        return ApiGatewayEvents.parseResponse(queries.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                "GET",
                "GET " + route,
                path,
                parameters,
                query,
                Map.of("accept", "application/json"),
                null,
                user == null ? null : Map.of("sub", user)))));
    }
}
