package dev.movieratings.rating.projection;

/** One stream moving from one projected state to a newer one, and what that does to its movie's score. */
public record UserRatingChange(UserRating before, UserRating after) {

    /** Whether the user went from liking the film to not, or the other way: its similar movies change. */
    public boolean changesLikes() {
        return (before != null && before.likes()) != after.likes();
    }

    public ScoreDelta scoreDelta() {
        boolean wasRated = before != null && before.isCurrent();
        boolean hadReview = before != null && before.hasReview();
        int removedBucket = wasRated ? before.stars().bucket() : ScoreDelta.NO_BUCKET;
        int addedBucket = after.isCurrent() ? after.stars().bucket() : ScoreDelta.NO_BUCKET;
        int halves = (after.isCurrent() ? after.stars().halves() : 0)
                - (wasRated ? before.stars().halves() : 0);
        int count = (after.isCurrent() ? 1 : 0) - (wasRated ? 1 : 0);
        int reviews = (after.hasReview() ? 1 : 0) - (hadReview ? 1 : 0);
        return new ScoreDelta(after.movieId(), count, halves, removedBucket, addedBucket, reviews);
    }
}
