package dev.movieratings.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingEventFixtures;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.testsupport.MigratedDatabase;
import dev.movieratings.testsupport.Movies;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The event table on a real PostgreSQL: appends, their conflicts, the append-order lock, and the reads. */
class EventTableIntegrationTest {

    private static MigratedDatabase database;
    private static JdbcClient jdbc;
    private static EventTable table;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
        Movies.numbered(database.jdbc(), 1, 50);
        // as the command function's role, whose grants the appends and reads must fit; one DataSource for the
        // client and the transactions, so the client's statements join them
        DataSource dataSource = database.as(DatabaseRole.COMMAND);
        jdbc = JdbcClient.create(dataSource);
        table = new EventTable(jdbc);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void anAppendedEventIsReadBackByIdByPositionByStreamAndByItsIdempotencyKey() {
        RatingSubmitted event = RatingEventFixtures.firstRating("reader", 1, 4.5);
        long position = transaction.execute(status -> table.append(event, "key-1", "fingerprint-1"));

        assertThat(table.byIds(List.of(event.eventId(), UUID.randomUUID())))
                .containsExactly(new StoredEvent(position, event));
        assertThat(table.atPositions(List.of(position))).containsExactly(new StoredEvent(position, event));
        assertThat(table.latestOfStream("reader", 1)).contains(event);
        assertThat(table.latestOfStream("reader", 2)).isEmpty();
        assertThat(table.findByIdempotencyKey("reader", "key-1"))
                .contains(
                        new EventTable.KeyedAppend(event.eventId(), position, event.streamVersion(), "fingerprint-1"));
        assertThat(table.findByIdempotencyKey("someone else", "key-1")).isEmpty();
        assertThat(table.highestPosition()).isGreaterThanOrEqualTo(position);
    }

    @Test
    void theStreamsNewestVersionIsTheLatestWhateverTheOrderOfAppends() {
        RatingSubmitted second = RatingEventFixtures.changedRatingWithReview("late", 2, 3.0, 4.0);
        RatingEvent first = RatingEventFixtures.firstRating("late", 2, 3.0);
        EventTable.append(database.administrator(), second);
        EventTable.append(database.administrator(), first);

        assertThat(table.latestOfStream("late", 2))
                .as("the review's text is not stored with the event")
                .contains(second.withoutReviewText());
    }

    @Test
    void aTakenStreamVersionOrIdempotencyKeyIsRefusedByNameAndNothingIsKept() {
        RatingSubmitted first = RatingEventFixtures.firstRating("conflicted", 3, 2.0);
        transaction.execute(status -> table.append(first, "same-key", "f"));
        long before = count();

        assertThatThrownBy(() -> transaction.execute(
                        status -> table.append(RatingEventFixtures.firstRating("conflicted", 3, 5.0), null, null)))
                .isInstanceOf(EventTable.StreamVersionTaken.class);
        assertThatThrownBy(() -> transaction.execute(status -> table.append(
                        RatingEventFixtures.changedRatingWithReview("conflicted", 3, 2.0, 1.0), "same-key", "g")))
                .isInstanceOf(EventTable.IdempotencyKeyTaken.class);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aBatchAppendKeepsTheOrderGivenAndReadsBackInPositionOrder() throws Exception {
        List<RatingEvent> events = new ArrayList<>();
        for (int movie = 10; movie < 20; movie++) {
            events.add(
                    RatingEventFixtures.firstRating("importer \"quoted\", with comma", movie, 0.5 + movie % 10 / 2.0));
        }
        long after = table.highestPosition();
        try (Connection connection = database.administrator().getConnection()) {
            connection.setAutoCommit(false);
            EventCopy.append(connection, events);
            connection.commit();
        }

        List<StoredEvent> stored = table.between(after, table.highestPosition());
        assertThat(stored).extracting(StoredEvent::event).containsExactlyElementsOf(events);
        List<StoredEvent> streamed = new ArrayList<>();
        table.forEachBetween(after, table.highestPosition(), streamed::add);
        assertThat(streamed).isEqualTo(stored);
    }

    @Test
    void aBatchAppendOutsideATransactionIsRefused() throws Exception {
        try (Connection connection = database.administrator().getConnection()) {
            assertThatThrownBy(() -> EventCopy.append(connection, List.of())).hasMessageContaining("auto-commit");
        }
    }

    @Test
    void generatedEventsAreAppendedInOneStatement() throws Exception {
        long before = count();
        try (Connection connection = database.administrator().getConnection()) {
            long appended = GeneratedEvents.append(connection, """
                    select gen_random_uuid(), 'RatingSubmitted', 1, 'generated-' || g, ?, 1, now(),
                           jsonb_build_object('type', 'RatingSubmitted')
                    from generate_series(1, ?) g""", 40L, 25L);
            assertThat(appended).isEqualTo(25);
            assertThat(connection.getAutoCommit()).isTrue();
        }
        assertThat(count()).isEqualTo(before + 25);
    }

    /**
     * A second append waits on the first's lock until the first commits, so a position becomes visible
     * only after every lower one: the projector's watermark and the rebuild rely on it.
     */
    @Test
    void appendsQueueOnTheAppendOrderLockUntilTheEarlierOneCommits() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        var firstIn = new CompletableFuture<Long>();
        var release = new CompletableFuture<Void>();
        Future<Long> first = writers.submit(() -> transaction.execute(status -> {
            long position = table.append(RatingEventFixtures.firstRating("queue-1", 30, 3.0), null, null);
            firstIn.complete(position);
            release.join();
            return position;
        }));
        long firstPosition = firstIn.get(30, TimeUnit.SECONDS);
        Future<Long> second = writers.submit(() -> transaction.execute(
                status -> table.append(RatingEventFixtures.firstRating("queue-2", 30, 3.0), null, null)));

        awaitAdvisoryLockWaiters(1);
        assertThat(second).isNotDone();
        release.complete(null);

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(firstPosition);
        assertThat(second.get(30, TimeUnit.SECONDS)).isGreaterThan(firstPosition);
        writers.shutdown();
    }

    private static void awaitAdvisoryLockWaiters(int waiters) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted")
                        .query(Long.class)
                        .single()
                < waiters) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no append waited on the append-order lock within 30 s");
            }
            Thread.sleep(10);
        }
    }

    private static long count() {
        return jdbc.sql("select count(*) from rating_events").query(Long.class).single();
    }
}
