package dev.movieratings.rating.watchlist;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One (user, movie) watchlist stream as the projection keeps it: the state after its highest version
 * ({@code listed}, at {@code position}, {@code at} the event's instant), and the highest position of a rating
 * submitted for the pair after it. The rule lives in {@link #onList()}.
 *
 * @param ratedPosition the highest position of a RatingSubmitted of the pair after the stream's latest event, or
 *                      null for none
 */
public record WatchlistEntry(
        String userId,
        long movieId,
        int version,
        boolean listed,
        long position,
        Instant at,
        @Nullable Long ratedPosition) {

    /** Listed by the stream's latest event, and no rating submitted after it. */
    public boolean onList() {
        Long rated = ratedPosition;
        return listed && (rated == null || rated < position);
    }
}
