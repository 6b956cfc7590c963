package dev.movieratings.projection.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.application.ProjectionBatch;
import dev.movieratings.projection.infrastructure.ProjectionWriter;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.rating.projection.WeightedRating;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Similar movies under any delivery history: random likes, changes and withdrawals by 8 users of 4 movies, applied
 * in random batches (duplicates, any order) by the projector's use case, with bounded-staleness refreshes at random
 * moments. Once a last refresh has run, verify — which computes every pair in Java from the ratings, by the
 * definition — must find nothing different, anywhere; between refreshes, verify leaves out only the movies marked
 * stale. After all histories, the SQL rebuild must give exactly the refreshed pairs.
 */
class SimilarMoviesIntegrationTest {

    private static final AtomicLong MOVIES = new AtomicLong(1_000);
    private static EmbeddedDatabase database;
    private static JdbcClient jdbc;
    private static JdbcClient projectorJdbc;
    private static ProjectionMaintenance maintenance;
    private static TransactionTemplate transaction;

    /** One command: user 0–7, movie 0–3, withdraw (if rated) or rate 2.5–5.0 stars. */
    record Command(int user, int movie, boolean retract, int halves) {}

    private static final Gen<Command> COMMANDS = integers()
            .between(0, 7)
            .zip(
                    integers().between(0, 3),
                    integers().between(0, 5),
                    integers().between(5, 10),
                    (user, movie, action, halves) -> new Command(user, movie, action == 0, halves));

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseLogins logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        // each part with its function's role, so the grants of V82 are exercised: ops refreshes, verifies and
        // rebuilds, the projector's use case applies the events
        maintenance = JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS));
        DataSource projector = logins.dataSource(DatabaseRole.PROJECTOR);
        projectorJdbc = JdbcClient.create(projector);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(projector));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void refreshedPairsEqualTheDefinitionAndTheRebuild() {
        PropertyRuns.tries(100)
                .forAll(lists().of(COMMANDS).ofSizeBetween(5, 60), longs().all())
                .checkAssert(SimilarMoviesIntegrationTest::applyRefreshAndVerify);

        String refreshed = pairs();
        assertThat(refreshed).as("some history reached five co-likes").contains("co=5");
        maintenance.rebuildAll();
        assertThat(pairs()).as("rebuilt similar_movies").isEqualTo(refreshed);
        assertThat(maintenance.verify().differences()).isEmpty();
    }

    /**
     * The smallest case by hand: five users like two new movies, so the pair has five co-likes; once one of them
     * lowers a rating under 4.0, the next refresh must drop the pair (the projector marks the movie it left).
     */
    @Test
    void aLikeWithdrawnDropsThePairAtTheNextRefresh() {
        long first = newMovies();
        List<Command> likes = new ArrayList<>();
        // users of their own (u100–u104): the random histories' users like other movies too
        for (int user = 100; user < 105; user++) {
            likes.add(new Command(user, 0, false, 9));
            likes.add(new Command(user, 1, false, 8));
        }
        applyInOrder(likes, first, 0);
        maintenance.refreshSimilarMovies();
        assertThat(pairsOf(first)).as("five co-likes").containsExactly((first + 1) + " co=5");

        applyInOrder(List.of(new Command(102, 0, false, 7)), first, 1);
        maintenance.refreshSimilarMovies();
        assertThat(pairsOf(first)).as("four co-likes: no pair").isEmpty();
        assertThat(pairsOf(first + 1)).isEmpty();
    }

    /** Appends the commands as events (each a new stream version after {@code versionsBefore}) and applies them. */
    private static void applyInOrder(List<Command> commands, long firstMovie, int versionsBefore) {
        long after = new EventTable(jdbc).highestPosition();
        Instant at = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(versionsBefore * 3_600L);
        for (Command command : commands) {
            int version = versionsBefore + 1;
            double stars = command.halves() / 2.0;
            EventTable.append(
                    database.dataSource(),
                    new RatingSubmitted(
                            UUID.randomUUID(),
                            "u" + command.user(),
                            firstMovie + command.movie(),
                            version,
                            at,
                            stars,
                            versionsBefore == 0 ? null : 4.5,
                            at,
                            null));
        }
        List<StoredEvent> stored = new EventTable(jdbc).between(after, Long.MAX_VALUE);
        transaction.executeWithoutResult(status -> ProjectionBatch.apply(
                ProjectionWriter.live(projectorJdbc, WeightedRating.DEFAULT_MINIMUM_VOTES), stored));
    }

    private static List<String> pairsOf(long movie) {
        return jdbc.sql("select similar_id || ' co=' || co_likes from projection.similar_movies where movie_id = ?")
                .param(movie)
                .query(String.class)
                .list();
    }

    /** Four movies of their own in the catalogue. @return the first one's id */
    private static long newMovies() {
        long first = MOVIES.getAndAdd(4);
        for (long movie = first; movie < first + 4; movie++) {
            jdbc.sql("insert into movies (movie_id, title) values (?, ?)")
                    .params(movie, "Movie " + movie)
                    .update();
        }
        return first;
    }

    private static void applyRefreshAndVerify(List<Command> commands, long seed) {
        long first = newMovies();
        long after = new EventTable(jdbc).highestPosition();
        history(commands, first).forEach(event -> EventTable.append(database.dataSource(), event));
        List<StoredEvent> stored = new EventTable(jdbc).between(after, Long.MAX_VALUE);
        Random random = new Random(seed);
        List<StoredEvent> pending = new ArrayList<>(stored);
        for (int i = 0; i < stored.size() / 4; i++) {
            pending.add(stored.get(random.nextInt(stored.size())));
        }
        Collections.shuffle(pending, random);
        while (!pending.isEmpty()) {
            List<StoredEvent> batch =
                    new ArrayList<>(pending.subList(0, Math.min(pending.size(), 1 + random.nextInt(10))));
            pending.subList(0, batch.size()).clear();
            transaction.executeWithoutResult(status -> ProjectionBatch.apply(
                    ProjectionWriter.live(projectorJdbc, WeightedRating.DEFAULT_MINIMUM_VOTES), batch));
            if (random.nextInt(4) == 0) {
                maintenance.refreshSimilarMovies();
                assertThat(maintenance.verify().differences())
                        .as("between refreshes: every movie not marked stale")
                        .isEmpty();
            }
        }
        assertThat(maintenance.refreshSimilarMovies().skipped()).isFalse();
        assertThat(jdbc.sql("select count(*) from projection.similarity_stale")
                        .query(Long.class)
                        .single())
                .as("a refresh with no projector running leaves nothing stale")
                .isZero();
        assertThat(maintenance.verify().differences())
                .as("after the last refresh")
                .isEmpty();
    }

    private static List<RatingEvent> history(List<Command> commands, long firstMovie) {
        Map<String, RatingSubmitted> current = new HashMap<>();
        Map<String, Integer> versions = new HashMap<>();
        List<RatingEvent> events = new ArrayList<>();
        Instant clock = Instant.parse("2026-02-01T00:00:00Z");
        for (Command command : commands) {
            String user = "u" + command.user();
            long movie = firstMovie + command.movie();
            String key = user + "/" + movie;
            int version = versions.merge(key, 1, Integer::sum);
            clock = clock.plusSeconds(3_600);
            RatingSubmitted before = current.get(key);
            if (before != null && command.retract()) {
                events.add(new RatingRetracted(UUID.randomUUID(), user, movie, version, clock, before.stars()));
                current.remove(key);
            } else {
                RatingSubmitted submitted = new RatingSubmitted(
                        UUID.randomUUID(),
                        user,
                        movie,
                        version,
                        clock,
                        command.halves() / 2.0,
                        before == null ? null : before.stars(),
                        before == null ? clock : before.ratedSince(),
                        null);
                events.add(submitted);
                current.put(key, submitted);
            }
        }
        return events;
    }

    private static String pairs() {
        return String.join("\n", jdbc.sql("""
                                select movie_id || '~' || similar_id || ' co=' || co_likes || ' ' || movie_likes || '/'
                                       || similar_likes || ' ' || similarity
                                from projection.similar_movies
                                order by movie_id, similar_id""").query(String.class).list());
    }
}
