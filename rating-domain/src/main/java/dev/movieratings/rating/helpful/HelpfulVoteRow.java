package dev.movieratings.rating.helpful;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One (voter, review) vote as the projection keeps it: the latest event's version, whether it marked the review,
 * its position and instant, and the highest position of an event that ended the review after it (null if none).
 */
public record HelpfulVoteRow(
        String voter,
        long movieId,
        UUID reviewId,
        String reviewAuthor,
        int version,
        boolean marked,
        long position,
        Instant votedAt,
        @Nullable Long endedPosition) {

    /** The vote counts towards the review's helpfulCount. */
    public boolean counted() {
        return marked && endedPosition == null;
    }
}
