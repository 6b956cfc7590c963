package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.local.OpsTranscript.Outcome;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17's scenario on the real local runtime: events the projector cannot apply hold the global
 * watermark, yet another user sees their own write through the version of their own stream; ops status
 * names the stuck event and its failure; parking lets the watermark pass; after the fix replay-parked
 * applies what can be applied, and verify is clean, reporting what stays parked.
 */
class PoisonEventOperationsIntegrationTest {

    private static final Path DATA = Path.of("target", "local-runtime-poison").toAbsolutePath();
    private static final OpsTranscript OPS = new OpsTranscript(DATA);
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;

    @BeforeAll
    static void start() throws Exception {
        LocalRuntimeClient.deleteRecursively(DATA);
        // visibility 1 s and 2 receives: a poison message reaches the DLQ in seconds; relay every 300 ms
        runtime = LocalRuntime.start(new LocalSettings(0, DATA, false, 1, 2, 300));
        client = new LocalRuntimeClient(runtime);
        for (int movie = 1; movie <= 3; movie++) {
            client.jdbc()
                    .sql("insert into movies (movie_id, title, genres) values (?, ?, '{Drama}')")
                    .params(movie, "Movie " + movie)
                    .update();
        }
    }

    @AfterAll
    static void stop() {
        runtime.functionEnvironment().remove("PROJECTOR_FAIL_USERS");
        runtime.close();
    }

    private static Outcome ops(String... args) {
        return OPS.run(args);
    }

    @Test
    void onePoisonEventHoldsNobodyElseAndIsParkedThenReplayed() throws Exception {
        // a projector bug that bites on one user's events, until the fix is deployed (the property cleared)
        runtime.functionEnvironment().put("PROJECTOR_FAIL_USERS", "local-poisoned");
        JsonNode poisoned =
                accepted(client.send("PUT", "/api/movies/1/rating", client.token("poisoned"), "{\"stars\":4.5}"));
        // and an event stored with an impossible value (7.5 stars): no projector can ever apply it
        RatingSubmitted impossible =
                new RatingSubmitted(UUID.randomUUID(), "impossible", 2, 1, now(), 7.5, null, now(), null);
        long impossiblePosition = EventTable.append(runtime.database().dataSource(), impossible);
        client.jdbc()
                .sql("insert into event_publications (position, event_id) values (?, ?)")
                .params(impossiblePosition, impossible.eventId())
                .update();

        String bystander = client.token("bystander");
        long sent = System.nanoTime();
        JsonNode mine = accepted(client.send("PUT", "/api/movies/3/rating", bystander, "{\"stars\":3.5}"));
        JsonNode seen = await(
                () -> get("/api/me/ratings?movie=3", bystander),
                read -> read.get("projectedVersion").asInt()
                        >= mine.get("streamVersion").asInt());
        long visibleMillis = (System.nanoTime() - sent) / 1_000_000;
        System.out.println("bystander's own write visible through projectedVersion after " + visibleMillis + " ms");
        assertThat(seen.get("items").get(0).get("stars").asDouble()).isEqualTo(3.5);
        assertThat(seen.get("projectedThrough").asLong())
                .as("the global watermark is still held by the poison event")
                .isLessThan(poisoned.get("position").asLong());

        long stuckAt = poisoned.get("position").asLong();
        JsonNode status = await(
                () -> status(),
                s -> !s.get("firstUndecided").isNull()
                        && !s.get("firstUndecided").get("error").isNull());
        assertThat(status.get("firstUndecided").get("position").asLong()).isEqualTo(stuckAt);
        assertThat(status.get("firstUndecided").get("error").asString())
                .contains("injected failure for the events of user local-poisoned");
        assertThat(status.get("watermark").asLong()).isEqualTo(stuckAt - 1);
        Outcome table = ops("status");
        assertThat(table.output()).contains("position " + stuckAt).contains("injected failure");

        String poisonedId = poisoned.get("eventId").asString();
        assertThat(ops("events", "park", "--event", poisonedId, "--reason", "projector bug on this user's data")
                        .exitCode())
                .isZero();
        JsonNode afterFirst = status();
        assertThat(afterFirst.get("watermark").asLong())
                .as("past the parked event, up to the impossible one")
                .isEqualTo(stuckAt);
        await(
                () -> status(),
                s -> !s.get("firstUndecided").isNull()
                        && s.get("firstUndecided").get("position").asLong() == impossiblePosition
                        && !s.get("firstUndecided").get("error").isNull());
        assertThat(ops("events", "park", "--event", impossible.eventId().toString(), "--reason", "7.5 stars")
                        .exitCode())
                .isZero();
        long highest = client.jdbc()
                .sql("select max(position) from rating_events")
                .query(Long.class)
                .single();
        JsonNode clear = status();
        assertThat(clear.get("watermark").asLong()).isEqualTo(highest);
        assertThat(clear.get("parkedEvents").asLong()).isEqualTo(2);
        assertThat(clear.get("firstUndecided").isNull()).isTrue();
        Outcome verifyParked = ops("verify");
        assertThat(verifyParked.exitCode()).as(verifyParked.output()).isZero();
        assertThat(verifyParked.output()).contains("2 parked and not applied");

        runtime.functionEnvironment().remove("PROJECTOR_FAIL_USERS");
        Outcome replayed = ops("events", "replay-parked", "--wait-seconds", "5");
        assertThat(replayed.output())
                .contains("applied      " + poisonedId)
                .contains("NOT APPLIED  " + impossible.eventId())
                .contains("1 of 2 event(s) applied");
        assertThat(replayed.exitCode()).as("one event could not be applied").isEqualTo(1);
        String poisonedToken = client.token("poisoned");
        assertThat(get("/api/me/ratings?movie=1", poisonedToken)
                        .get("projectedVersion")
                        .asInt())
                .isEqualTo(1);
        assertThat(client.getJson("/api/movies/1").get("ratingCount").asLong()).isEqualTo(1);

        Outcome verified = ops("verify");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("1 parked and not applied").contains("projections match the events");
        Outcome audit = ops("audit");
        assertThat(audit.output())
                .contains("park", "replay-parked", "projector bug on this user's data", "7.5 stars")
                .contains("os:" + System.getProperty("user.name"));
    }

    /** The status line of {@code ops status --json}; the runtime in this JVM logs to the same stdout. */
    private static JsonNode status() {
        String line = ops("status", "--json")
                .output()
                .lines()
                .filter(l -> l.startsWith("{\"watermark\""))
                .reduce((first, second) -> second)
                .orElseThrow();
        return LocalRuntimeClient.JSON.readTree(line);
    }

    private static JsonNode accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return LocalRuntimeClient.JSON.readTree(response.body());
    }

    private static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = client.send("GET", path, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return LocalRuntimeClient.JSON.readTree(response.body());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    interface Read {
        JsonNode get() throws Exception;
    }

    /** Reads until the condition holds, for at most 30 s. */
    private static JsonNode await(Read read, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode node = read.get();
        while (!condition.test(node) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            node = read.get();
        }
        assertThat(condition.test(node))
                .as("condition met within 30 s: %s", node)
                .isTrue();
        return node;
    }
}
