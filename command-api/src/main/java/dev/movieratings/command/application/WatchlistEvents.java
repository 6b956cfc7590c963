package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.watchlist.WatchlistStream;

/** The event table, as the watchlist commands use it. */
public interface WatchlistEvents {

    /** The person's watchlist stream for the film, and whether a rating came after its latest event. */
    WatchlistStream stream(String userId, long movieId);

    /**
     * Appends the event and its publication record in one transaction.
     *
     * @throws RatingEventStore.StreamVersionConflict when another writer appended to the stream first
     */
    StoredEvent append(RatingEvent event);
}
