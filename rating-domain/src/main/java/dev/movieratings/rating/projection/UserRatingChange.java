package dev.movieratings.rating.projection;

import dev.movieratings.rating.Stars;
import org.jspecify.annotations.Nullable;

/** One stream moving from one projected state to a newer one, and what that does to its movie's score. */
public record UserRatingChange(@Nullable UserRating before, UserRating after) {

    /** Whether the user went from liking the film to not, or the other way: its similar movies change. */
    public boolean changesLikes() {
        return (before != null && before.likes()) != after.likes();
    }

    public ScoreDelta scoreDelta() {
        Stars removed = before == null ? null : before.stars();
        Stars added = after.stars();
        boolean hadReview = before != null && before.hasReview();
        int removedBucket = removed != null ? removed.bucket() : ScoreDelta.NO_BUCKET;
        int addedBucket = added != null ? added.bucket() : ScoreDelta.NO_BUCKET;
        int halves = (added != null ? added.halves() : 0) - (removed != null ? removed.halves() : 0);
        int count = (added != null ? 1 : 0) - (removed != null ? 1 : 0);
        int reviews = (after.hasReview() ? 1 : 0) - (hadReview ? 1 : 0);
        return new ScoreDelta(after.movieId(), count, halves, removedBucket, addedBucket, reviews);
    }
}
