package dev.movieratings.rating.helpful;

import dev.movieratings.events.HelpfulVote;
import dev.movieratings.events.ReviewMarkedHelpful;
import dev.movieratings.events.ReviewUnmarkedHelpful;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns a vote command and the voter's helpful stream for the film into the stream's next event, or none: marking
 * a review the voter already marked, and unmarking one they did not, change nothing (both are idempotent).
 */
public final class HelpfulDecisions {

    private HelpfulDecisions() {}

    /** @throws OwnReview when the voter wrote the review */
    public static Optional<ReviewMarkedHelpful> mark(
            HelpfulStream stream, ReviewToVoteOn review, UUID eventId, Instant now) {
        if (review.author().equals(stream.voter())) {
            throw new OwnReview();
        }
        if (stream.marked(review.reviewId())) {
            return Optional.empty();
        }
        return Optional.of(new ReviewMarkedHelpful(
                eventId,
                stream.voter(),
                stream.movieId(),
                stream.version() + 1,
                now,
                review.reviewId(),
                review.author()));
    }

    public static Optional<ReviewUnmarkedHelpful> unmark(
            HelpfulStream stream, UUID reviewId, UUID eventId, Instant now) {
        return stream.vote(reviewId)
                .filter(HelpfulVote::marked)
                .map(vote -> unmarked(stream, vote, stream.version() + 1, eventId, now, null));
    }

    /** Erasure takes back every vote of the stream that stands, so the erased voter's votes leave the read side. */
    public static List<ReviewUnmarkedHelpful> erase(
            HelpfulStream stream, Supplier<UUID> eventIds, UUID erasureId, Instant now) {
        List<ReviewUnmarkedHelpful> events = new ArrayList<>();
        int version = stream.version();
        for (HelpfulVote vote : stream.standing()) {
            events.add(unmarked(stream, vote, ++version, eventIds.get(), now, erasureId));
        }
        return events;
    }

    private static ReviewUnmarkedHelpful unmarked(
            HelpfulStream stream, HelpfulVote vote, int version, UUID eventId, Instant now, @Nullable UUID erasureId) {
        return new ReviewUnmarkedHelpful(
                eventId,
                stream.voter(),
                stream.movieId(),
                version,
                now,
                vote.reviewId(),
                vote.reviewAuthor(),
                erasureId);
    }
}
