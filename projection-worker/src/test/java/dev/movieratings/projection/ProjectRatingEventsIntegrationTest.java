package dev.movieratings.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.rating.projection.MovieScore;
import dev.movieratings.rating.projection.ProjectionFold;
import dev.movieratings.testsupport.MigratedDatabase;
import dev.movieratings.testsupport.Movies;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectRatingEventsIntegrationTest {

    private static MigratedDatabase database;
    private static JdbcClient jdbc;
    private static LocalLambda projector;
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
        jdbc = database.jdbc();
        Movies.classics(jdbc);
        projector = LocalLambda.start(
                ProjectionWorkerApplication.class, "projectRatingEvents", database.login(DatabaseRole.PROJECTOR));
    }

    private static long nextMovie = 1000;

    /** Each test rates its own movie, so tests sharing the database cannot see each other's scores. */
    private static synchronized long newMovie() {
        long id = ++nextMovie;
        jdbc.sql("insert into movies (movie_id, title) values (?, ?)")
                .params(id, "Movie " + id)
                .update();
        return id;
    }

    @Test
    void theRealSqsEventShapeIsAppliedAndReportsNoFailures() throws IOException {
        long movie = newMovie();
        RatingSubmitted event =
                submitted("alice-" + UUID.randomUUID(), movie, 1, 4.5, null, new Review("Still great.", false));
        append(event);
        String sample = resource("/aws-event-samples/sqs-event-with-eventbridge-envelope.json")
                .replace(
                        "{\\\"note\\\":\\\"the event's own JSON, as events-schema defines it, goes here\\\"}",
                        RatingEventJson.write(event).replace("\"", "\\\""));

        String response = projector.invoke(sample);

        assertThat(SqsEvents.failedMessageIds(response)).isEmpty();
        assertThat(response).contains("batchItemFailures");
        Map<String, Object> score = scoreOf(movie);
        assertThat(score).containsEntry("rating_count", 1L).containsEntry("review_count", 1L);
        assertThat(score.get("stars_sum").toString()).isEqualTo("4.5");
    }

    @Test
    void duplicatesAndReverseOrderLeaveExactlyTheInOrderState() {
        long movie = newMovie();
        String user = "bob-" + UUID.randomUUID();
        List<RatingEvent> stream = List.of(
                submitted(user, movie, 1, 2.0, null, null),
                submitted(user, movie, 2, 4.5, 2.0, new Review("Grew on me", true)),
                retracted(user, movie, 3, 4.5),
                submitted(user, movie, 4, 3.0, null, null));
        stream.forEach(this::append);
        RatingEvent carol = submitted("carol-" + UUID.randomUUID(), movie, 1, 5.0, null, null);
        append(carol);

        deliver(List.of(stream.get(0), stream.get(1), stream.get(2), stream.get(3), carol));
        Map<String, Object> inOrderScore = scoreOf(movie);
        Map<String, Object> inOrderRating = ratingOf(user, movie);

        forgetProjectionOf(movie);
        deliver(List.of(stream.get(3), carol, stream.get(1)));
        deliver(List.of(stream.get(1), stream.get(0), stream.get(3), stream.get(2), carol, stream.get(0)));

        assertThat(scoreOf(movie)).isEqualTo(inOrderScore);
        assertThat(ratingOf(user, movie)).isEqualTo(inOrderRating);
        assertThat(inOrderScore)
                .containsEntry("rating_count", 2L)
                .containsEntry("review_count", 0L)
                .containsEntry("histogram", "{0,0,0,0,0,1,0,0,0,1}");
        assertThat(inOrderScore.get("stars_sum").toString()).isEqualTo("8.0");
        assertThat(inOrderRating.get("stars").toString()).isEqualTo("3.0");
        // that a rebuild from the event table gives this live state: projection-maintenance's
        // ProjectionRebuildIntegrationTest.aRebuildGivesExactlyTheStateTheProjectorBuiltLive
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void theListsScoresAreStoredWithTheMinimumVotesTheFunctionIsGiven() {
        long movie = newMovie();
        RatingSubmitted rating = submitted("erin-" + UUID.randomUUID(), movie, 1, 4.0, null, null);
        append(rating);
        // Terraform gives the projector the query's WEIGHTED_RATING_MIN_VOTES (it was read from nowhere before)
        try (LocalLambda withM7 = LocalLambda.start(
                ProjectionWorkerApplication.class,
                "projectRatingEvents",
                database.login(DatabaseRole.PROJECTOR, Map.of("WEIGHTED_RATING_MIN_VOTES", "7")))) {
            String response = withM7.invoke(SqsEvents.toJson(
                    List.of(message(UUID.randomUUID().toString(), BusEnvelope.wrap(rating, "1", "eu-west-1", T0))),
                    "arn:aws:sqs:eu-west-1:123456789012:ratings"));
            assertThat(SqsEvents.failedMessageIds(response)).isEmpty();
        }

        assertThat(jdbc.sql("select list_min_votes from projection.rating_totals")
                        .query(Integer.class)
                        .single())
                .isEqualTo(7);
        assertThat(jdbc.sql("select s.weighted = (s.stars_sum + 7 * t.list_mean) / (s.rating_count + 7)"
                                + " from projection.movie_scores s, projection.rating_totals t where s.movie_id = ?")
                        .param(movie)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void onlyTheMessagesThatFailAreNamedAndTheRestAreApplied() {
        long movie = newMovie();
        RatingSubmitted good = submitted("dave-" + UUID.randomUUID(), movie, 1, 1.0, null, null);
        append(good);
        RatingSubmitted neverStored = submitted("mallory", movie, 1, 5.0, null, null);
        List<SqsEvents.Message> messages = List.of(
                message("good", BusEnvelope.wrap(good, "123456789012", "eu-west-1", T0)),
                message("forged", BusEnvelope.wrap(neverStored, "123456789012", "eu-west-1", T0)),
                message("garbage", "{not json"));

        String response = projector.invoke(SqsEvents.toJson(messages, "arn:aws:sqs:eu-west-1:123456789012:ratings"));

        assertThat(SqsEvents.failedMessageIds(response)).containsExactlyInAnyOrder("forged", "garbage");
        assertThat(scoreOf(movie)).containsEntry("rating_count", 1L);
        assertThat(ratingOf("mallory", movie)).isEmpty();
    }

    @Test
    void concurrentBatchesSharingStreamsAndMoviesAddUpExactly() throws Exception {
        List<Long> movies = List.of(newMovie(), newMovie(), newMovie());
        List<RatingEvent> events = new ArrayList<>();
        Random random = new Random(7);
        for (int user = 0; user < 60; user++) {
            String userId = "jo-" + user + "-" + UUID.randomUUID();
            for (long movie : movies) {
                int versions = 1 + random.nextInt(3);
                double stars = 0.5 + random.nextInt(10) * 0.5;
                for (int version = 1; version <= versions; version++) {
                    double next = 0.5 + random.nextInt(10) * 0.5;
                    RatingEvent event = version == 2 && random.nextBoolean()
                            ? retracted(userId, movie, version, stars)
                            : submitted(
                                    userId,
                                    movie,
                                    version,
                                    next,
                                    null,
                                    random.nextBoolean() ? new Review("take " + version, false) : null);
                    stars = next;
                    append(event);
                    events.add(event);
                }
            }
        }
        ProjectionFold expected = new ProjectionFold();
        events.forEach(expected::apply);
        List<RatingEvent> deliveries = new ArrayList<>(events);
        deliveries.addAll(events.subList(0, events.size() / 3));
        Collections.shuffle(deliveries, random);

        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int from = 0; from < deliveries.size(); from += 10) {
            List<RatingEvent> batch = deliveries.subList(from, Math.min(deliveries.size(), from + 10));
            done.add(threads.submit(() -> deliver(batch)));
        }
        for (Future<?> batch : done) {
            batch.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        for (MovieScore score : expected.scores()) {
            assertThat(scoreOf(score.movieId()))
                    .as("movie " + score.movieId())
                    .containsEntry("rating_count", score.ratingCount())
                    .containsEntry("review_count", score.reviewCount())
                    .containsEntry(
                            "histogram",
                            Arrays.stream(score.histogram())
                                    .mapToObj(Long::toString)
                                    .collect(Collectors.joining(",", "{", "}")));
            assertThat(new BigDecimal(scoreOf(score.movieId()).get("stars_sum").toString()))
                    .isEqualByComparingTo(score.starsSum());
        }
    }

    /** Runs last: it leaves an event in the store that no rebuild can fold. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aPoisonEventFailsAloneAndTheRestOfItsBatchIsApplied() {
        long movie = newMovie();
        List<RatingEvent> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RatingSubmitted event =
                    submitted("hank-" + i + "-" + UUID.randomUUID(), movie, 1, 2.0 + i * 0.5, null, null);
            append(event);
            good.add(event);
        }
        // a stored event the projector cannot apply: stars out of range, as a bug on the write side might have stored
        // it
        RatingSubmitted poison = submitted("ivan-" + UUID.randomUUID(), movie, 1, 4.0, null, null);
        jdbc.sql("insert into rating_events (event_id, event_type, schema_version, user_id, movie_id,"
                        + " stream_version, occurred_at, payload)"
                        + " values (?, ?, ?, ?, ?, ?, ?, jsonb_set(?::jsonb, '{stars}', '9'))")
                .params(
                        poison.eventId(),
                        poison.type(),
                        poison.schemaVersion(),
                        poison.userId(),
                        poison.movieId(),
                        poison.streamVersion(),
                        java.sql.Timestamp.from(poison.occurredAt()),
                        RatingEventJson.write(poison))
                .update();
        List<SqsEvents.Message> messages = new ArrayList<>();
        good.subList(0, 3)
                .forEach(event -> messages.add(
                        message("good-" + event.eventId(), BusEnvelope.wrap(event, "123456789012", "eu-west-1", T0))));
        messages.add(message("poison", BusEnvelope.wrap(poison, "123456789012", "eu-west-1", T0)));
        good.subList(3, 5)
                .forEach(event -> messages.add(
                        message("good-" + event.eventId(), BusEnvelope.wrap(event, "123456789012", "eu-west-1", T0))));

        String response = projector.invoke(SqsEvents.toJson(messages, "arn:aws:sqs:eu-west-1:123456789012:ratings"));

        assertThat(SqsEvents.failedMessageIds(response)).containsExactly("poison");
        assertThat(scoreOf(movie))
                .containsEntry("rating_count", 5L)
                .containsEntry("histogram", "{0,0,0,1,1,1,1,1,0,0}");
        assertThat(ratingOf(poison.userId(), movie)).isEmpty();
        assertThat(jdbc.sql("select count(*) from ops.projection_failures where event_id = ? and resolved_at is null")
                        .param(poison.eventId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void theWatermarkStopsBelowTheFirstEventNotYetApplied() {
        RatingSubmitted first = submitted("erin-" + UUID.randomUUID(), 1, 1, 3.0, null, null);
        RatingSubmitted second = submitted("frank-" + UUID.randomUUID(), 1, 1, 3.5, null, null);
        RatingSubmitted third = submitted("gina-" + UUID.randomUUID(), 1, 1, 4.0, null, null);
        long p1 = append(first);
        long p2 = append(second);
        long p3 = append(third);

        deliver(List.of(first, third));
        assertThat(watermark()).isEqualTo(p1).isLessThan(p2);

        deliver(List.of(second));
        assertThat(watermark()).isEqualTo(p3);
    }

    private static void forgetProjectionOf(long movie) {
        // an event at or below the watermark counts as applied, so the watermark goes back below the movie's first
        // event
        jdbc.sql("update projection.watermark set position = least(position,"
                        + " (select min(position) - 1 from rating_events where movie_id = ?))")
                .param(movie)
                .update();
        jdbc.sql("delete from projection.applied_events"
                        + " where position in (select position from rating_events where movie_id = ?)")
                .param(movie)
                .update();
        jdbc.sql("delete from projection.user_ratings where movie_id = ?")
                .param(movie)
                .update();
        jdbc.sql("delete from projection.movie_scores where movie_id = ?")
                .param(movie)
                .update();
    }

    private void deliver(List<RatingEvent> events) {
        List<SqsEvents.Message> messages = new ArrayList<>();
        for (RatingEvent event : events) {
            messages.add(
                    message(UUID.randomUUID().toString(), BusEnvelope.wrap(event, "123456789012", "eu-west-1", T0)));
        }
        for (int from = 0; from < messages.size(); from += 10) {
            String response = projector.invoke(SqsEvents.toJson(
                    messages.subList(from, Math.min(messages.size(), from + 10)),
                    "arn:aws:sqs:eu-west-1:123456789012:ratings"));
            assertThat(SqsEvents.failedMessageIds(response)).isEmpty();
        }
    }

    private static SqsEvents.Message message(String id, String body) {
        return new SqsEvents.Message(id, "receipt-" + id, body, 1, T0.toEpochMilli());
    }

    private long append(RatingEvent event) {
        return EventTable.append(database.administrator(), event);
    }

    private static RatingSubmitted submitted(
            String user, long movie, int version, double stars, Double previous, Review review) {
        return new RatingSubmitted(
                UUID.randomUUID(), user, movie, version, T0.plusSeconds(version * 60L), stars, previous, T0, review);
    }

    private static RatingRetracted retracted(String user, long movie, int version, double previous) {
        return new RatingRetracted(UUID.randomUUID(), user, movie, version, T0.plusSeconds(version * 60L), previous);
    }

    private static Map<String, Object> scoreOf(long movie) {
        return jdbc.sql("select rating_count, stars_sum, histogram::text as histogram, review_count, last_rated_at"
                        + " from projection.movie_scores where movie_id = ?")
                .param(movie)
                .query()
                .singleRow();
    }

    private static Map<String, Object> ratingOf(String user, long movie) {
        return jdbc
                .sql("select * from projection.user_ratings where user_id = ? and movie_id = ?")
                .params(user, movie)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(Map.of());
    }

    private static long watermark() {
        return jdbc.sql("select position from projection.watermark")
                .query(Long.class)
                .single();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ProjectRatingEventsIntegrationTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
