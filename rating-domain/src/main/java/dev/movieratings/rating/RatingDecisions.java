package dev.movieratings.rating;

import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Turns a command and the stream it targets into the next event of that stream. */
public final class RatingDecisions {

    private RatingDecisions() {}

    public static RatingSubmitted submit(
            RatingStream stream, Stars stars, @Nullable Review review, UUID eventId, Instant now) {
        return submit(stream, stars, review, eventId, now, RatingSubmitted.API);
    }

    /** The same rule, for a rating that came in another way than the ratings API (the diary's). */
    public static RatingSubmitted submit(
            RatingStream stream, Stars stars, @Nullable Review review, UUID eventId, Instant now, String channel) {
        Stars current = stream.current();
        Instant ratedSince = stream.ratedSince();
        Instant since = current != null && ratedSince != null ? ratedSince : now;
        return new RatingSubmitted(
                eventId,
                stream.userId(),
                stream.movieId(),
                stream.version() + 1,
                now,
                stars.value(),
                current != null ? current.value() : null,
                since,
                review,
                channel);
    }

    public static RatingRetracted retract(RatingStream stream, UUID eventId, Instant now) {
        Stars current = stream.current();
        if (current == null) {
            throw new NothingToRetract(stream.userId(), stream.movieId());
        }
        return new RatingRetracted(
                eventId, stream.userId(), stream.movieId(), stream.version() + 1, now, current.value());
    }

    /**
     * Ends the stream for an erasure, whether or not it holds a current rating: every stream of an erased
     * person then ends in an erasure, which an auditor can check, and a rebuild ends each one there.
     */
    public static RatingErased erase(RatingStream stream, UUID eventId, UUID erasureId, Instant now) {
        Stars current = stream.current();
        return new RatingErased(
                eventId,
                stream.userId(),
                stream.movieId(),
                stream.version() + 1,
                now,
                current == null ? null : current.value(),
                erasureId);
    }
}
