package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.command.application.WatchlistEvents;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.observability.MeterCatalogue;
import dev.movieratings.rating.watchlist.WatchlistStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The watchlist commands' port onto the event table: the event (appended under the append-order lock) and its
 * publication record in one transaction. Unlike a rating, a watchlist event touches no personal store row.
 */
class JdbcWatchlistEvents implements WatchlistEvents {

    private static final String RECORD_USER = "insert into users (user_id) values (?) on conflict do nothing";
    private static final String RECORD_PUBLICATION =
            "insert into event_publications (position, event_id) values (?, ?)";

    private final JdbcClient jdbc;
    private final EventTable events;
    private final TransactionTemplate transaction;

    JdbcWatchlistEvents(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.events = new EventTable(jdbc);
        this.transaction = transaction;
    }

    @Override
    public WatchlistStream stream(String userId, long movieId) {
        EventTable.WatchlistStream stream =
                FunctionMetrics.databaseTime("event_read", () -> events.watchlistStream(userId, movieId));
        return new WatchlistStream(userId, movieId, stream.version(), stream.listed(), stream.ratedAfter());
    }

    @Override
    public StoredEvent append(RatingEvent event) {
        Long position;
        try {
            position = FunctionMetrics.databaseTime(
                    "event_append",
                    () -> transaction.execute(status -> {
                        jdbc.sql(RECORD_USER).param(event.userId()).update();
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
