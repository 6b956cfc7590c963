package dev.movieratings.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseMigrations;
import dev.movieratings.rating.projection.MovieScore;
import dev.movieratings.rating.projection.ProjectionFold;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The differential proof: random histories of rate / change / retract / review edits by several users
 * on several movies, delivered through the real projector function with random duplicates, reordering
 * and injected partial batch failures (redelivered as SQS would), end in live projection tables equal
 * to the rebuild's fold of the same events, and both equal a simple independent oracle.
 */
class DifferentialProjectionPropertyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AtomicLong MOVIES = new AtomicLong(100_000);
    private static EmbeddedDatabase database;
    private static JdbcClient jdbc;
    private static LocalLambda projector;

    @BeforeContainer
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseMigrations.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        System.setProperty("spring.datasource.url", database.jdbcUrl());
        System.setProperty("PROJECTOR_FAILURE_RATE", "0.15");
        try {
            projector = LocalLambda.start(ProjectionWorkerApplication.class, "projectRatingEvents");
        } finally {
            System.clearProperty("PROJECTOR_FAILURE_RATE");
        }
    }

    @AfterContainer
    static void stop() {
        database.close();
    }

    @Property
    void liveEqualsRebuiltEqualsOracle(@ForAll long seed) {
        Random random = new Random(seed);
        long firstMovie = MOVIES.getAndAdd(3);
        List<Long> movies = List.of(firstMovie, firstMovie + 1, firstMovie + 2);
        movies.forEach(id -> jdbc.sql("insert into movies (movie_id, title) values (?, ?)")
                .params(id, "Movie " + id)
                .update());
        List<RatingEvent> history = history(random, movies, 1 + random.nextInt(25));
        history.forEach(DifferentialProjectionPropertyTest::append);

        deliverChaotically(history, random);

        ProjectionFold rebuilt = new ProjectionFold();
        history.forEach(rebuilt::apply);
        Map<Long, String> oracle = oracle(history);
        for (long movie : movies) {
            MovieScore fold = rebuilt.scores().stream()
                    .filter(s -> s.movieId() == movie)
                    .findFirst()
                    .orElse(new MovieScore(movie));
            String rebuiltScore = describe(fold.ratingCount(), fold.starsSum(), fold.histogram(), fold.reviewCount());
            assertThat(live(movie)).as("live projection of movie %d", movie).isEqualTo(rebuiltScore);
            assertThat(rebuiltScore)
                    .as("rebuilt projection of movie %d", movie)
                    .isEqualTo(oracle.getOrDefault(movie, describe(0, BigDecimal.ZERO, new long[10], 0)));
        }
        Map<String, String> liveRatings = new TreeMap<>();
        jdbc.sql(
                        "select user_id, movie_id, stars, review_text from projection.user_ratings where movie_id between ? and ? and stars is not null")
                .params(firstMovie, firstMovie + 2)
                .query((rs, n) -> liveRatings.put(
                        rs.getString(1) + "/" + rs.getLong(2),
                        rs.getBigDecimal(3).toPlainString() + "|" + rs.getString(4)))
                .list();
        assertThat(liveRatings).isEqualTo(oracleRatings(history));
    }

    /** Commands as users make them: rate, change (with or without editing the review), retract, rate again. */
    private static List<RatingEvent> history(Random random, List<Long> movies, int commands) {
        Map<String, RatingSubmitted> current = new HashMap<>();
        Map<String, Integer> versions = new HashMap<>();
        List<RatingEvent> events = new ArrayList<>();
        Instant clock = T0;
        for (int i = 0; i < commands; i++) {
            String user = "u" + random.nextInt(4);
            long movie = movies.get(random.nextInt(movies.size()));
            String key = user + "/" + movie;
            int version = versions.getOrDefault(key, 0) + 1;
            clock = clock.plusSeconds(1 + random.nextInt(100));
            RatingSubmitted before = current.get(key);
            if (before != null && random.nextInt(4) == 0) {
                events.add(new RatingRetracted(UUID.randomUUID(), user, movie, version, clock, before.stars()));
                current.remove(key);
            } else {
                double stars = (1 + random.nextInt(10)) / 2.0;
                Review review =
                        random.nextInt(3) == 0 ? null : new Review("review " + random.nextInt(5), random.nextBoolean());
                RatingSubmitted submitted = new RatingSubmitted(
                        UUID.randomUUID(),
                        user,
                        movie,
                        version,
                        clock,
                        stars,
                        before == null ? null : before.stars(),
                        before == null ? clock : before.ratedSince(),
                        review);
                events.add(submitted);
                current.put(key, submitted);
            }
            versions.put(key, version);
        }
        return events;
    }

    /** Like SQS with a flaky consumer: duplicates, any order, batches of up to 10, failed messages come back. */
    private static void deliverChaotically(List<RatingEvent> history, Random random) {
        List<RatingEvent> pending = new ArrayList<>(history);
        for (int i = 0; i < history.size() / 3; i++) {
            pending.add(history.get(random.nextInt(history.size())));
        }
        int rounds = 0;
        while (!pending.isEmpty()) {
            assertThat(++rounds).as("deliveries converge").isLessThan(200);
            Collections.shuffle(pending, random);
            List<RatingEvent> batch =
                    new ArrayList<>(pending.subList(0, Math.min(pending.size(), 1 + random.nextInt(10))));
            pending.subList(0, batch.size()).clear();
            List<SqsEvents.Message> messages = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                messages.add(new SqsEvents.Message(
                        "m" + i, "r" + i, BusEnvelope.wrap(batch.get(i), "123456789012", "eu-west-1", T0), 1, 0));
            }
            List<String> failed = SqsEvents.failedMessageIds(
                    projector.invoke(SqsEvents.toJson(messages, "arn:aws:sqs:eu-west-1:123456789012:q")));
            for (String id : failed) {
                pending.add(batch.get(Integer.parseInt(id.substring(1))));
            }
        }
    }

    /** Independent of the projection code: the latest event of each stream decides what counts. */
    private static Map<Long, String> oracle(List<RatingEvent> history) {
        Map<Long, long[]> histograms = new HashMap<>();
        Map<Long, BigDecimal> sums = new HashMap<>();
        Map<Long, Long> reviews = new HashMap<>();
        for (RatingEvent last : latestPerStream(history).values()) {
            if (last instanceof RatingSubmitted submitted) {
                histograms.computeIfAbsent(last.movieId(), m -> new long[10])[(int) (submitted.stars() * 2) - 1]++;
                sums.merge(last.movieId(), BigDecimal.valueOf(submitted.stars()), BigDecimal::add);
                reviews.merge(last.movieId(), submitted.review() == null ? 0L : 1L, Long::sum);
            }
        }
        Map<Long, String> scores = new HashMap<>();
        histograms.forEach((movie, histogram) -> scores.put(
                movie,
                describe(java.util.Arrays.stream(histogram).sum(), sums.get(movie), histogram, reviews.get(movie))));
        return scores;
    }

    private static Map<String, String> oracleRatings(List<RatingEvent> history) {
        Map<String, String> ratings = new TreeMap<>();
        latestPerStream(history).forEach((key, last) -> {
            if (last instanceof RatingSubmitted submitted) {
                ratings.put(
                        key,
                        BigDecimal.valueOf(submitted.stars()).setScale(1).toPlainString() + "|"
                                + (submitted.review() == null
                                        ? null
                                        : submitted.review().text()));
            }
        });
        return ratings;
    }

    private static Map<String, RatingEvent> latestPerStream(List<RatingEvent> history) {
        Map<String, RatingEvent> latest = new HashMap<>();
        for (RatingEvent event : history) {
            latest.merge(
                    event.userId() + "/" + event.movieId(),
                    event,
                    (a, b) -> a.streamVersion() > b.streamVersion() ? a : b);
        }
        return latest;
    }

    private static String live(long movie) {
        return jdbc.sql(
                        "select rating_count, stars_sum, histogram, review_count from projection.movie_scores where movie_id = ?")
                .param(movie)
                .query((rs, n) -> describe(
                        rs.getLong(1),
                        rs.getBigDecimal(2),
                        java.util.Arrays.stream((Long[]) rs.getArray(3).getArray())
                                .mapToLong(Long::longValue)
                                .toArray(),
                        rs.getLong(4)))
                .optional()
                .orElse(describe(0, BigDecimal.ZERO, new long[10], 0));
    }

    private static String describe(long count, BigDecimal sum, long[] histogram, long reviews) {
        return "count=" + count + " sum=" + sum.stripTrailingZeros().toPlainString() + " histogram="
                + java.util.Arrays.toString(histogram) + " reviews=" + reviews;
    }

    private static void append(RatingEvent event) {
        EventTable.append(database.dataSource(), event);
    }
}
