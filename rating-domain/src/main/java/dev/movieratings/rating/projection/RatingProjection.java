package dev.movieratings.rating.projection;

import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.rating.Stars;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Applies rating events to a stream's projection. The highest stream version wins, so any delivery
 * history — duplicates, reordering, redelivery — ends in the state the last event describes, and the
 * score changes add up to exactly one contribution per current rating. A retraction and an erasure
 * both end the stream as a tombstone: an erased person's ratings leave the scores.
 */
public final class RatingProjection {

    private RatingProjection() {}

    /**
     * @param current the stream's projection so far, or null if no event of it was applied yet
     * @return the change, or empty when the event is not newer than what is applied (stale or duplicate)
     */
    public static Optional<UserRatingChange> apply(@Nullable UserRating current, RatingEvent event) {
        if (event instanceof DiaryEvent) {
            return Optional.empty(); // a viewing in the diary; the rating it set came as its own RatingSubmitted
        }
        if (current != null && event.streamVersion() <= current.version()) {
            return Optional.empty();
        }
        UserRating after = event instanceof RatingSubmitted submitted
                ? new UserRating(
                        event.userId(),
                        event.movieId(),
                        event.streamVersion(),
                        Stars.of(submitted.stars()),
                        submitted.review(),
                        submitted.ratedSince(),
                        event.occurredAt())
                : new UserRating(
                        event.userId(), event.movieId(), event.streamVersion(), null, null, null, event.occurredAt());
        return Optional.of(new UserRatingChange(current, after));
    }
}
