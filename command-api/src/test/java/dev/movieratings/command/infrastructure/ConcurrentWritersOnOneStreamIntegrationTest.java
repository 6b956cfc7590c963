package dev.movieratings.command.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.command.application.Accepted;
import dev.movieratings.command.application.Fingerprints;
import dev.movieratings.command.application.PublishingEvents;
import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.command.application.RecordingRatings;
import dev.movieratings.command.application.SubmitRating;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.rating.RatingStream;
import dev.movieratings.rating.Stars;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several writers on one (user, movie) stream at the same moment, against the real event table: every
 * writer first reads the stream, then all of them append at once. The optimistic-concurrency retry and
 * the idempotency-key race in {@link RecordingRatings} must both run (counted at the store) and end with
 * one event per accepted command, versions without gaps, and one answer per key.
 */
class ConcurrentWritersOnOneStreamIntegrationTest {

    private static final int WRITERS = 4;
    private final CommandApiTestEnvironment env = CommandApiTestEnvironment.get();
    // the writers connect as the command function does: as its role
    private final DataSource commandRole = env.logins.dataSource(DatabaseRole.COMMAND);
    private final JdbcClient command = JdbcClient.create(commandRole);
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void writersWhoReadTheSameVersionAreRetriedUntilEachCommandIsOneEvent() throws Exception {
        String user = "racer-" + UUID.randomUUID();
        RacingStore store = new RacingStore();
        RecordingRatings ratings = ratings(store);

        List<Future<Accepted>> answers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int halves = 2 + w;
            answers.add(writers.submit(() -> ratings.submit(new SubmitRating(
                    user, 318, new Stars(halves), null, UUID.randomUUID().toString()))));
        }
        for (Future<Accepted> answer : answers) {
            answer.get(30, TimeUnit.SECONDS);
        }

        assertThat(env.jdbc
                        .sql("select stream_version from rating_events where user_id = ? order by stream_version")
                        .param(user)
                        .query(Integer.class)
                        .list())
                .as("one event per accepted command, versions without gaps")
                .containsExactly(1, 2, 3, 4);
        assertThat(store.versionConflicts.get())
                .as("appends refused because another writer took the version first (each retried)")
                .isGreaterThanOrEqualTo(WRITERS - 1);
    }

    @Test
    void writersRacingWithOneIdempotencyKeyGetOneEventAndTheSameAnswer() throws Exception {
        String user = "racer-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        RacingStore store = new RacingStore();
        RecordingRatings ratings = ratings(store);

        List<Future<Accepted>> answers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            answers.add(writers.submit(() -> ratings.submit(new SubmitRating(user, 318, new Stars(7), null, key))));
        }
        Set<Accepted> distinct = new java.util.HashSet<>();
        for (Future<Accepted> answer : answers) {
            distinct.add(answer.get(30, TimeUnit.SECONDS));
        }

        assertThat(distinct).as("every writer gets the first answer").hasSize(1);
        assertThat(env.jdbc
                        .sql("select count(*) from rating_events where user_id = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(store.keyRaces.get())
                .as("appends refused because a concurrent request with the same key got there first")
                .isGreaterThanOrEqualTo(1);
        assertThat(store.keyRaces.get() + store.versionConflicts.get())
                .as("every losing writer was refused by the table, not by a read before it")
                .isGreaterThanOrEqualTo(WRITERS - 1);
    }

    private RecordingRatings ratings(RatingEventStore store) {
        return new RecordingRatings(
                store,
                new JdbcCatalog(command),
                // a bus that takes nothing: the events stay in the outbox, which this test does not look at
                new PublishingEvents(events -> Set.of(), new JdbcOutbox(command, transaction())),
                new JdbcWriteQuota(command, 1_000_000),
                Clock.systemUTC(),
                UUID::randomUUID,
                new Fingerprints(new JdbcRequestKeys(command)));
    }

    /**
     * The real store, with every writer's first read of the stream held until all writers have read it:
     * so they all decide on the same version and meet at the table's constraints.
     */
    private final class RacingStore implements RatingEventStore {
        final AtomicInteger versionConflicts = new AtomicInteger();
        final AtomicInteger keyRaces = new AtomicInteger();
        private final RatingEventStore real = new JdbcRatingEventStore(command, transaction());
        private final FirstReadBarrier firstRead = new FirstReadBarrier(WRITERS);

        @Override
        public Optional<RecordedCommand> findByIdempotencyKey(String userId, String idempotencyKey) {
            return real.findByIdempotencyKey(userId, idempotencyKey);
        }

        @Override
        public RatingStream stream(String userId, long movieId) {
            return firstRead.read(() -> real.stream(userId, movieId));
        }

        @Override
        public StoredEvent append(RatingEvent event, @Nullable String idempotencyKey, @Nullable String fingerprint) {
            try {
                return real.append(event, idempotencyKey, fingerprint);
            } catch (StreamVersionConflict e) {
                versionConflicts.incrementAndGet();
                throw e;
            } catch (IdempotencyKeyTaken e) {
                keyRaces.incrementAndGet();
                throw e;
            }
        }
    }

    private TransactionTemplate transaction() {
        return new TransactionTemplate(new DataSourceTransactionManager(commandRole));
    }
}
