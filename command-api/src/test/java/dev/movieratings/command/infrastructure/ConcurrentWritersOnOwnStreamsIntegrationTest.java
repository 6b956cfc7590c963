package dev.movieratings.command.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.command.application.KeepingTags;
import dev.movieratings.command.application.KeepingWatchlist;
import dev.movieratings.command.application.PublishingEvents;
import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.command.application.TagChange;
import dev.movieratings.command.application.TagEvents;
import dev.movieratings.command.application.WatchlistChange;
import dev.movieratings.command.application.WatchlistEvents;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.rating.tag.TagText;
import dev.movieratings.rating.watchlist.WatchlistStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several writers on one person's watchlist or tag stream at the same moment, against the real event table and
 * personal store: every writer first reads the stream, then all of them append at once. The shared write loop
 * ({@code OwnStreamCommands}) must retry the losers on the stream's new version (counted at the port), and end
 * with one event per change, versions without gaps, and an idempotent answer for what another writer already did.
 */
class ConcurrentWritersOnOwnStreamsIntegrationTest {

    private static final int WRITERS = 4;
    private static final long MOVIE = 318;
    private final CommandApiTestEnvironment env = CommandApiTestEnvironment.get();
    // the writers connect as the command function does: as its role
    private final DataSource commandRole = env.logins.dataSource(DatabaseRole.COMMAND);
    private final JdbcClient command = JdbcClient.create(commandRole);
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    private final AtomicInteger versionConflicts = new AtomicInteger();
    private final FirstReadBarrier firstRead = new FirstReadBarrier(WRITERS);

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void writersAddingDifferentTagsAreRetriedUntilEachTagIsOneEvent() throws Exception {
        String user = "tag-racer-" + UUID.randomUUID();
        KeepingTags tags = tags();

        List<TagChange> changes = all(w -> () -> tags.add(user, MOVIE, "tag " + w));

        assertThat(changes).allSatisfy(change -> assertThat(change.eventId()).isNotNull());
        assertThat(changes.stream().map(TagChange::streamVersion)).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(versions(user, "tag")).containsExactly(1, 2, 3, 4);
        assertThat(env.jdbc
                        .sql("select text from personal.tags where user_id = ? order by text")
                        .param(user)
                        .query(String.class)
                        .list())
                .containsExactly("tag 0", "tag 1", "tag 2", "tag 3");
        assertThat(versionConflicts.get())
                .as("appends refused because another writer took the version first (each retried)")
                .isGreaterThanOrEqualTo(WRITERS - 1);
    }

    @Test
    void writersAddingTheSameTagWriteItOnceAndTheOthersAnswerThatItIsOn() throws Exception {
        String user = "tag-racer-" + UUID.randomUUID();
        KeepingTags tags = tags();

        List<TagChange> changes = all(w -> () -> tags.add(user, MOVIE, w % 2 == 0 ? "Funny" : "funny"));

        assertThat(changes.stream().filter(change -> change.eventId() != null)).hasSize(1);
        assertThat(changes)
                .allSatisfy(change -> assertThat(change.streamVersion()).isOne());
        assertThat(versions(user, "tag")).containsExactly(1);
        assertThat(versionConflicts.get()).isGreaterThanOrEqualTo(WRITERS - 1);
    }

    @Test
    void writersListingTheSameFilmWriteOneEventAndTheOthersAnswerThatItIsListed() throws Exception {
        String user = "list-racer-" + UUID.randomUUID();
        KeepingWatchlist watchlist = watchlist();

        List<WatchlistChange> changes = all(w -> () -> watchlist.add(user, MOVIE));

        assertThat(changes.stream().filter(change -> change.eventId() != null)).hasSize(1);
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.onWatchlist()).isTrue();
            assertThat(change.streamVersion()).isOne();
        });
        assertThat(versions(user, "watchlist")).containsExactly(1);
        assertThat(versionConflicts.get()).isGreaterThanOrEqualTo(WRITERS - 1);
    }

    private <T> List<T> all(IntFunction<Callable<T>> writer) throws Exception {
        List<Future<T>> answers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            answers.add(writers.submit(writer.apply(w)));
        }
        List<T> all = new ArrayList<>();
        for (Future<T> answer : answers) {
            all.add(answer.get(30, TimeUnit.SECONDS));
        }
        return all;
    }

    private List<Integer> versions(String user, String stream) {
        return env.jdbc
                .sql("select stream_version from rating_events where user_id = ? and stream = ? order by 1")
                .params(user, stream)
                .query(Integer.class)
                .list();
    }

    private KeepingTags tags() {
        TagEvents real = new JdbcTagEvents(command, transaction());
        TagEvents racing = new TagEvents() {
            @Override
            public TagStream stream(String userId, long movieId) {
                return firstRead.read(() -> real.stream(userId, movieId));
            }

            @Override
            public StoredEvent append(RatingEvent event, @Nullable TagText added) {
                return counted(() -> real.append(event, added));
            }
        };
        return new KeepingTags(
                racing, new JdbcCatalog(command), publishing(), quota(), Clock.systemUTC(), UUID::randomUUID);
    }

    private KeepingWatchlist watchlist() {
        WatchlistEvents real = new JdbcWatchlistEvents(command, transaction());
        WatchlistEvents racing = new WatchlistEvents() {
            @Override
            public WatchlistStream stream(String userId, long movieId) {
                return firstRead.read(() -> real.stream(userId, movieId));
            }

            @Override
            public StoredEvent append(RatingEvent event) {
                return counted(() -> real.append(event));
            }
        };
        return new KeepingWatchlist(
                racing, new JdbcCatalog(command), publishing(), quota(), Clock.systemUTC(), UUID::randomUUID);
    }

    private StoredEvent counted(Supplier<StoredEvent> append) {
        try {
            return append.get();
        } catch (RatingEventStore.StreamVersionConflict e) {
            versionConflicts.incrementAndGet();
            throw e;
        }
    }

    // a bus that takes nothing: the events stay in the outbox, which this test does not look at
    private PublishingEvents publishing() {
        return new PublishingEvents(events -> Set.of(), new JdbcOutbox(command, transaction()));
    }

    private JdbcWriteQuota quota() {
        return new JdbcWriteQuota(command, 1_000_000);
    }

    private TransactionTemplate transaction() {
        return new TransactionTemplate(new DataSourceTransactionManager(commandRole));
    }
}
