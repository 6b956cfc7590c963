package dev.movieratings.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The diary's reads through the real query function, over a diary rebuilt by ops from the events (so the
 * rebuild's diary load and V95's grants are exercised): a year grouped by month, newest first, paged by
 * keyset; years for navigation; one entry, the caller's only.
 */
class DiaryQueriesIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-4000-8000-00000000000c");
    private static final UUID D = UUID.fromString("00000000-0000-4000-8000-00000000000d");
    private static final UUID E = UUID.fromString("00000000-0000-4000-8000-00000000000e");
    private static final UUID F = UUID.fromString("00000000-0000-4000-8000-00000000000f");
    private static EmbeddedDatabase database;
    private static LocalLambda queries;

    /**
     * ann: two viewings of Heat on 2024-03-10 (B logged after A, then edited), Jumanji on 2024-01-05 and
     * 2023-12-31, and one on 2024-05-01 she deleted; bob: Heat on 2024-02-02.
     */
    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseLogins logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        JdbcClient admin = JdbcClient.create(database.dataSource());
        admin.sql("insert into movies (movie_id, title, release_year) values (1, 'Heat', 1995),"
                        + " (2, 'Jumanji', 1995)")
                .update();
        append(logged("ann", 1, 1, A, "2024-03-10", "2024-03-11T08:00:00Z", null));
        append(logged("ann", 1, 2, B, "2024-03-10", "2024-03-11T09:00:00Z", null));
        append(new DiaryEntryEdited(
                UUID.randomUUID(),
                "ann",
                1,
                3,
                Instant.parse("2024-03-12T10:00:00Z"),
                B,
                LocalDate.parse("2024-03-10"),
                true,
                4.0,
                Instant.parse("2024-03-11T09:00:00Z")));
        append(logged("ann", 2, 1, C, "2024-01-05", "2024-01-05T20:00:00Z", 3.5));
        append(logged("ann", 2, 2, D, "2023-12-31", "2024-01-01T00:30:00Z", null));
        append(logged("ann", 2, 3, E, "2024-05-01", "2024-05-01T21:00:00Z", null));
        append(new DiaryEntryDeleted(UUID.randomUUID(), "ann", 2, 4, Instant.parse("2024-05-02T08:00:00Z"), E));
        append(logged("bob", 1, 1, F, "2024-02-02", "2024-02-02T22:00:00Z", 5.0));
        admin.sql("insert into personal.diary_notes (entry_id, user_id, text) values (?, 'ann', 'with Ann''s dad')")
                .param(B)
                .update();
        JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS)).rebuildAll();
        queries = LocalLambda.start(
                QueryApiApplication.class,
                "movieQueries",
                logins.springDataSource(
                        DatabaseRole.QUERY,
                        Map.of("CURSOR_SIGNING_KEY", "cXVlcnktYXBpLXRlc3RzLWN1cnNvci1zaWduaW5nLWtleQ==")));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aYearIsGroupedByMonthNewestFirstAndPagedByKeyset() {
        ApiGatewayEvents.Response first = diary("ann", "year=2024&limit=2");

        assertThat(first.statusCode()).as(text(first)).isEqualTo(200);
        assertThat(first.headers()).containsEntry("cache-control", "private, no-cache");
        JsonNode page = JSON.readTree(first.body());
        assertThat(page.get("year").asInt()).isEqualTo(2024);
        assertThat(page.get("years").toString()).isEqualTo("[2024,2023]");
        assertThat(page.get("months")).hasSize(1);
        JsonNode march = page.get("months").get(0);
        assertThat(march.get("month").asString()).isEqualTo("2024-03");
        assertThat(ids(march)).as("same day: the later logged first").isEqualTo(B + " " + A);
        JsonNode b = march.get("entries").get(0);
        assertThat(b.get("displayTitle").asString()).isEqualTo("Heat");
        assertThat(b.get("rewatch").asBoolean()).isTrue();
        assertThat(b.get("stars").asDouble()).isEqualTo(4.0);
        assertThat(b.get("note").asString()).isEqualTo("with Ann's dad");
        assertThat(b.get("loggedAt").asString()).isEqualTo("2024-03-11T09:00:00Z");
        assertThat(march.get("entries").get(1).get("note").isNull()).isTrue();

        String cursor = page.get("nextCursor").asString();
        JsonNode second =
                JSON.readTree(diary("ann", "year=2024&limit=2&cursor=" + cursor).body());
        assertThat(second.get("months")).hasSize(1);
        assertThat(second.get("months").get(0).get("month").asString()).isEqualTo("2024-01");
        assertThat(ids(second.get("months").get(0))).isEqualTo(C.toString());
        assertThat(second.get("nextCursor").isNull()).isTrue();

        ApiGatewayEvents.Response stolen = diary("bob", "year=2024&limit=2&cursor=" + cursor);
        assertThat(stolen.statusCode()).as("a cursor is bound to its owner").isEqualTo(400);
        assertThat(JSON.readTree(diary("bob", "year=2024").body())
                        .get("months")
                        .get(0)
                        .get("entries"))
                .hasSize(1);
        assertThat(ids(JSON.readTree(diary("ann", "year=2023").body())
                        .get("months")
                        .get(0)))
                .isEqualTo(D.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1869", "2999", "0000", "abcd", "20240", "-2024", "2024.0", "+2024", "2024a"})
    void aYearOutOfRangeIsAProblem(String year) {
        ApiGatewayEvents.Response refused = diary("ann", "year=" + year);
        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(400);
        assertThat(refused.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(JSON.readTree(refused.body()).get("parameter").asString()).isEqualTo("year");
    }

    @Test
    void oneEntryIsTheCallersAloneAndADeletedOneIsGone() {
        ApiGatewayEvents.Response own = entry("ann", B.toString());
        assertThat(own.statusCode()).as(text(own)).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).get("watchedOn").asString()).isEqualTo("2024-03-10");

        assertThat(entry("bob", B.toString()).statusCode())
                .as("another person's entry")
                .isEqualTo(404);
        assertThat(entry("ann", E.toString()).statusCode()).as("deleted").isEqualTo(404);
        assertThat(entry("ann", UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
        assertThat(entry("ann", "../../movies").statusCode()).isEqualTo(404);
    }

    private static String ids(JsonNode month) {
        StringBuilder ids = new StringBuilder();
        month.get("entries")
                .forEach(entry -> ids.append(ids.isEmpty() ? "" : " ")
                        .append(entry.get("entryId").asString()));
        return ids.toString();
    }

    private static DiaryEntryLogged logged(
            String user, long movie, int version, UUID entry, String on, String at, Double stars) {
        return new DiaryEntryLogged(
                UUID.randomUUID(), user, movie, version, Instant.parse(at), entry, LocalDate.parse(on), false, stars);
    }

    private static ApiGatewayEvents.Response diary(String user, String query) {
        return ApiGatewayEvents.parseResponse(queries.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                "GET",
                "GET /api/me/diary",
                "/api/me/diary",
                Map.of(),
                query,
                Map.of("accept", "application/json"),
                null,
                Map.of("sub", user)))));
    }

    private static ApiGatewayEvents.Response entry(String user, String id) {
        return ApiGatewayEvents.parseResponse(queries.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                "GET",
                "GET /api/me/diary/{entryId}",
                "/api/me/diary/" + id,
                Map.of("entryId", id),
                "",
                Map.of("accept", "application/json"),
                null,
                Map.of("sub", user)))));
    }

    private static String text(ApiGatewayEvents.Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static void append(RatingEvent event) {
        EventTable.append(database.dataSource(), event);
    }
}
