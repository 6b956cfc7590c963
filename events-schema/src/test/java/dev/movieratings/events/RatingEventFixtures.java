package dev.movieratings.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Small builders for events in tests. */
public final class RatingEventFixtures {

    private RatingEventFixtures() {}

    public static RatingSubmitted firstRating(String user, long movie, double stars) {
        Instant at = Instant.parse("2026-11-20T10:15:30.123Z");
        return new RatingSubmitted(UUID.randomUUID(), user, movie, 1, at, stars, null, at, null);
    }

    public static RatingSubmitted imported(String user, long movie, double stars) {
        Instant at = Instant.parse("2001-01-01T00:00:00Z");
        return new RatingSubmitted(
                UUID.randomUUID(), user, movie, 1, at, stars, null, at, null, RatingSubmitted.IMPORT);
    }

    public static RatingSubmitted changedRatingWithReview(String user, long movie, double from, double to) {
        return new RatingSubmitted(
                UUID.randomUUID(),
                user,
                movie,
                2,
                Instant.parse("2026-11-26T03:00:00Z"),
                to,
                from,
                Instant.parse("2026-11-20T10:15:30.123Z"),
                new Review("Still great. <b>Really</b> \"quoted\" ünïcödé 🎬", true));
    }

    public static RatingRetracted retraction(String user, long movie, double previous) {
        return new RatingRetracted(UUID.randomUUID(), user, movie, 3, Instant.parse("2026-11-26T04:00:00Z"), previous);
    }

    public static RatingErased erasure(String user, long movie, Double previous) {
        return new RatingErased(
                UUID.randomUUID(),
                user,
                movie,
                4,
                Instant.parse("2026-11-27T05:00:00Z"),
                previous,
                UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c"));
    }

    public static MovieWatchlisted watchlisted(String user, long movie, int version) {
        return new MovieWatchlisted(UUID.randomUUID(), user, movie, version, Instant.parse("2026-12-02T04:30:00Z"));
    }

    public static MovieUnwatchlisted unwatchlisted(String user, long movie, int version, @Nullable UUID erasureId) {
        return new MovieUnwatchlisted(
                UUID.randomUUID(), user, movie, version, Instant.parse("2026-12-02T04:45:00.5Z"), erasureId);
    }

    /** Each shape as its JSON carries it (a review's text is never on the wire). */
    public static List<RatingEvent> oneOfEachShape() {
        return List.of(
                firstRating("ml-1", 1, 0.5),
                firstRating("alice", 318, 5.0),
                imported("ml-7", 2, 3.0),
                changedRatingWithReview("alice", 318, 4.0, 4.5).withoutReviewText(),
                retraction("alice", 318, 4.5),
                erasure("alice", 318, 4.5),
                erasure("alice", 2, null),
                watchlisted("alice", 318, 1),
                unwatchlisted("alice", 318, 2, null),
                unwatchlisted("alice", 2, 4, UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c")));
    }
}
