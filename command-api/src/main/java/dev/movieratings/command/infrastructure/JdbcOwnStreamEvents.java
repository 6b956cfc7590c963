package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.observability.MeterCatalogue;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the ports of the own streams beside the rating stream (watchlist, helpful, tag) share, for one stream:
 * its reads by version, and the append of an event with the user's row and its publication record in one
 * transaction (the event under the append-order lock). Each port keeps the queries only its decisions need.
 */
final class JdbcOwnStreamEvents {

    private static final String VERSION = """
            select coalesce(max(stream_version), 0) from rating_events
            where user_id = ? and movie_id = ? and stream = ?""";
    private static final String EVENTS = """
            select payload::text from rating_events
            where user_id = ? and movie_id = ? and stream = ?
            order by stream_version""";
    private static final String RECORD_USER = "insert into users (user_id) values (?) on conflict do nothing";
    private static final String RECORD_PUBLICATION =
            "insert into event_publications (position, event_id) values (?, ?)";

    private final JdbcClient jdbc;
    private final EventTable events;
    private final TransactionTemplate transaction;
    private final String stream;

    /** @param stream the {@link RatingEvent#stream()} this port reads and appends to */
    JdbcOwnStreamEvents(JdbcClient jdbc, TransactionTemplate transaction, String stream) {
        this.jdbc = jdbc;
        this.events = new EventTable(jdbc);
        this.transaction = transaction;
        this.stream = stream;
    }

    /** A read of the stream's state, timed as every command's read of the event table is. */
    <T> T read(Supplier<T> read) {
        return FunctionMetrics.databaseTime("event_read", read);
    }

    /** The stream's latest version, 0 while it has none. Call within {@link #read}. */
    int version(String userId, long movieId) {
        return jdbc.sql(VERSION)
                .params(userId, movieId, stream)
                .query(Integer.class)
                .single();
    }

    /** Every event of the stream, in version order. Call within {@link #read}. */
    List<RatingEvent> events(String userId, long movieId) {
        return jdbc.sql(EVENTS).params(userId, movieId, stream).query(String.class).list().stream()
                .map(RatingEventJson::read)
                .toList();
    }

    StoredEvent append(RatingEvent event) {
        return append(event, () -> {});
    }

    /**
     * Appends the event and its publication record in one transaction.
     *
     * @param alongside the feature's own writes in the same transaction, after the user's row and before the event
     * @throws RatingEventStore.StreamVersionConflict when another writer appended to the stream first
     */
    StoredEvent append(RatingEvent event, Runnable alongside) {
        Long position;
        try {
            position = FunctionMetrics.databaseTime(
                    "event_append",
                    () -> transaction.execute(status -> {
                        jdbc.sql(RECORD_USER).param(event.userId()).update();
                        alongside.run();
                        long appended = events.append(event, null, null);
                        jdbc.sql(RECORD_PUBLICATION)
                                .params(appended, event.eventId())
                                .update();
                        return appended;
                    }));
        } catch (EventTable.StreamVersionTaken e) {
            throw new RatingEventStore.StreamVersionConflict(e.getMessage());
        }
        MeterCatalogue.EVENTS_APPENDED.counter(event.type()).increment();
        return new StoredEvent(position == null ? 0 : position, event);
    }
}
