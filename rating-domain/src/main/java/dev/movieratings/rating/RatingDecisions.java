package dev.movieratings.rating;

import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import java.time.Instant;
import java.util.UUID;

/** Turns a command and the stream it targets into the next event of that stream. */
public final class RatingDecisions {

    private RatingDecisions() {}

    public static RatingSubmitted submit(RatingStream stream, Stars stars, Review review, UUID eventId, Instant now) {
        Instant since = stream.hasRating() ? stream.ratedSince() : now;
        return new RatingSubmitted(
                eventId,
                stream.userId(),
                stream.movieId(),
                stream.version() + 1,
                now,
                stars.value(),
                stream.hasRating() ? stream.current().value() : null,
                since,
                review);
    }

    public static RatingRetracted retract(RatingStream stream, UUID eventId, Instant now) {
        if (!stream.hasRating()) {
            throw new NothingToRetract(stream.userId(), stream.movieId());
        }
        return new RatingRetracted(
                eventId,
                stream.userId(),
                stream.movieId(),
                stream.version() + 1,
                now,
                stream.current().value());
    }

    /**
     * Ends the stream for an erasure, whether or not it holds a current rating: every stream of an erased
     * person then ends in an erasure, which an auditor can check, and a rebuild ends each one there.
     */
    public static RatingErased erase(RatingStream stream, UUID eventId, UUID erasureId, Instant now) {
        return new RatingErased(
                eventId,
                stream.userId(),
                stream.movieId(),
                stream.version() + 1,
                now,
                stream.hasRating() ? stream.current().value() : null,
                erasureId);
    }
}
