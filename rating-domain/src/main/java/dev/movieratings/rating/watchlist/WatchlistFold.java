package dev.movieratings.rating.watchlist;

import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Folds events into the watchlist in memory, in any order: each watchlist stream's highest version wins, and a
 * pair's highest RatingSubmitted position is a maximum, so duplicates and reordering end in one state. Verify
 * and the differential property test fold with it; the projector and the rebuild apply the same rule in SQL.
 */
public final class WatchlistFold {

    private final Map<String, WatchlistEntry> entries = new HashMap<>();
    private final Map<String, Long> rated = new HashMap<>();

    /** Applies one stored event (any type; those of neither the watchlist nor a submitted rating change nothing). */
    public void apply(long position, RatingEvent event) {
        String key = event.userId() + "\u0000" + event.movieId();
        if (event instanceof RatingSubmitted) {
            rated.merge(key, position, Math::max);
        } else if (RatingEvent.WATCHLIST_STREAM.equals(event.stream())) {
            WatchlistEntry current = entries.get(key);
            if (current == null || event.streamVersion() > current.version()) {
                entries.put(
                        key,
                        new WatchlistEntry(
                                event.userId(),
                                event.movieId(),
                                event.streamVersion(),
                                event instanceof MovieWatchlisted,
                                position,
                                event.occurredAt(),
                                null));
            }
        }
    }

    /** Every watchlist stream folded, with its pair's highest rating position. */
    public List<WatchlistEntry> entries() {
        return entries.entrySet().stream()
                .map(e -> withRated(e.getValue(), rated.get(e.getKey())))
                .toList();
    }

    public @Nullable WatchlistEntry entry(String userId, long movieId) {
        String key = userId + "\u0000" + movieId;
        WatchlistEntry entry = entries.get(key);
        return entry == null ? null : withRated(entry, rated.get(key));
    }

    /** Only a rating after the stream's latest event counts (the projection keeps no other). */
    private static WatchlistEntry withRated(WatchlistEntry entry, @Nullable Long highestRating) {
        Long ratedPosition = highestRating != null && highestRating > entry.position() ? highestRating : null;
        return new WatchlistEntry(
                entry.userId(),
                entry.movieId(),
                entry.version(),
                entry.listed(),
                entry.position(),
                entry.at(),
                ratedPosition);
    }
}
