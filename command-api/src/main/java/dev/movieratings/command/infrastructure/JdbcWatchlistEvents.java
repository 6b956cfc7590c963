package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.WatchlistEvents;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.watchlist.WatchlistStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The watchlist commands' port onto the event table: the stream's state (with whether a rating came after its
 * latest event), and the append through {@link JdbcOwnStreamEvents}. Unlike a rating, a watchlist event touches no
 * personal store row.
 */
class JdbcWatchlistEvents implements WatchlistEvents {

    private final EventTable events;
    private final JdbcOwnStreamEvents stream;

    JdbcWatchlistEvents(JdbcClient jdbc, TransactionTemplate transaction) {
        this.events = new EventTable(jdbc);
        this.stream = new JdbcOwnStreamEvents(jdbc, transaction, RatingEvent.WATCHLIST_STREAM);
    }

    @Override
    public WatchlistStream stream(String userId, long movieId) {
        EventTable.WatchlistStream state = stream.read(() -> events.watchlistStream(userId, movieId));
        return new WatchlistStream(userId, movieId, state.version(), state.listed(), state.ratedAfter());
    }

    @Override
    public StoredEvent append(RatingEvent event) {
        return stream.append(event);
    }
}
