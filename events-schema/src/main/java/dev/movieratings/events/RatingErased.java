package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The person erased their data: this stream ends without a rating, as after a retraction, and its
 * review text is gone from the personal store. One such event per stream of the person, all appended
 * in one transaction and sharing {@code erasureId}, so a rebuild reproduces the erased state and an
 * auditor can find every stream one erasure closed. It carries no personal content.
 *
 * @param previousStars the stars the erasure removed from the scores, or null when the stream had no
 *                      current rating (it was retracted before)
 * @param erasureId     the erasure this event belongs to, the same in every event of it
 */
public record RatingErased(
        UUID eventId,
        String userId,
        long movieId,
        int streamVersion,
        Instant occurredAt,
        @Nullable Double previousStars,
        UUID erasureId)
        implements RatingEvent {

    public static final String TYPE = "RatingErased";
    public static final int SCHEMA_VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
