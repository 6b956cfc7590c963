package dev.movieratings.projection.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.ProjectionWorkerApplication;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.testsupport.MigratedDatabase;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lists' stored weighted rating (issue 18), as the projector writes it and verify checks it: a
 * batch refreshes it for the movies it touches with the stored basis (C, m = 50 here), and re-reads C
 * into the basis, re-scoring every movie, only once C has drifted and the basis is older than the
 * re-score interval.
 */
class StoredListScoresIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final MathContext DIGITS = new MathContext(12);
    private static MigratedDatabase database;
    private static JdbcClient jdbc;
    private static LocalLambda projector;
    private static long nextMovie = 0;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
        jdbc = database.jdbc();
        projector = LocalLambda.start(
                ProjectionWorkerApplication.class, "projectRatingEvents", database.login(DatabaseRole.PROJECTOR));
    }

    @Test
    void aBatchScoresTheMoviesItTouchesWithTheStoredBasisWhileTheBasisIsYoung() {
        long other = rate(5.0);
        jdbc.sql("update projection.rating_totals set list_mean = 3.0, list_mean_at = now()")
                .update();
        jdbc.sql("update projection.movie_scores set weighted = (stars_sum + 50 * 3.0) / (rating_count + 50)"
                        + " where rating_count > 0")
                .update();
        BigDecimal otherBefore = weighted(other);

        long movie = rate(4.5);

        assertThat(weighted(movie).round(DIGITS))
                .as("(4.5 + 50·3.0) / (1 + 50), with the basis's C, not the exact one")
                .isEqualByComparingTo(new BigDecimal("154.5").divide(new BigDecimal("51"), DIGITS));
        assertThat(listMean()).isEqualByComparingTo("3.0");
        assertThat(weighted(other)).as("an untouched movie keeps its score").isEqualByComparingTo(otherBefore);
        assertThat(JdbcProjectionMaintenance.create(database.as(DatabaseRole.OPS))
                        .verify()
                        .differences())
                .isEmpty();
    }

    @Test
    void anOldBasisIsReReadAndEveryMovieReScoredOnceCHasDrifted() {
        long first = rate(1.0);
        jdbc.sql("update projection.rating_totals set list_mean = 3.0, list_mean_at = now() - interval '1 hour'")
                .update();

        long second = rate(2.0);

        BigDecimal exactMean = jdbc.sql("select stars_sum / rating_count from projection.rating_totals")
                .query(BigDecimal.class)
                .single();
        assertThat(listMean()).isEqualByComparingTo(exactMean);
        for (long movie : List.of(first, second)) {
            BigDecimal sum = jdbc.sql("select stars_sum from projection.movie_scores where movie_id = ?")
                    .param(movie)
                    .query(BigDecimal.class)
                    .single();
            assertThat(weighted(movie).round(DIGITS))
                    .as("movie %d re-scored with the new C", movie)
                    .isEqualByComparingTo(
                            sum.add(exactMean.multiply(BigDecimal.valueOf(50))).divide(BigDecimal.valueOf(51), DIGITS));
        }
    }

    @Test
    void verifyFindsAStoredScoreThatIsNotTheBasissOne() {
        long movie = rate(3.5);
        jdbc.sql("update projection.movie_scores set weighted = weighted + 0.1 where movie_id = ?")
                .param(movie)
                .update();

        assertThat(JdbcProjectionMaintenance.create(database.as(DatabaseRole.OPS))
                        .verify()
                        .differences())
                .anySatisfy(difference -> {
                    assertThat(difference.table()).isEqualTo("movie_scores.weighted");
                    assertThat(difference.key()).isEqualTo("movie " + movie);
                });
        jdbc.sql("update projection.movie_scores set weighted = weighted - 0.1 where movie_id = ?")
                .param(movie)
                .update();
    }

    /** A new movie rated once with these stars, through the projector's real SQS path. */
    private static synchronized long rate(double stars) {
        long movie = ++nextMovie;
        jdbc.sql("insert into movies (movie_id, title) values (?, ?)")
                .params(movie, "Movie " + movie)
                .update();
        RatingSubmitted event = new RatingSubmitted(
                UUID.randomUUID(), "user-" + movie, movie, 1, T0.plusSeconds(movie), stars, null, T0, null);
        EventTable.append(database.administrator(), event);
        String body = BusEnvelope.wrap(event, "123456789012", "eu-west-1", T0);
        String response = projector.invoke(SqsEvents.toJson(
                List.of(new SqsEvents.Message("m-" + movie, "r-" + movie, body, 1, T0.toEpochMilli())),
                "arn:aws:sqs:eu-west-1:123456789012:ratings"));
        assertThat(SqsEvents.failedMessageIds(response)).isEmpty();
        return movie;
    }

    private static BigDecimal weighted(long movie) {
        return jdbc.sql("select weighted from projection.movie_scores where movie_id = ?")
                .param(movie)
                .query(BigDecimal.class)
                .single();
    }

    private static BigDecimal listMean() {
        return jdbc.sql("select list_mean from projection.rating_totals")
                .query(BigDecimal.class)
                .single();
    }
}
