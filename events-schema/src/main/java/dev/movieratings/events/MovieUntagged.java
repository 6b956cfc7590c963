package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person took one of their tags off a film ({@code tagId}), or erased their data: then {@code erasureId} names
 * the erasure and {@code tagId} is null, as every tag of the stream goes. The next event of the person's tag
 * stream for the film; no text.
 *
 * @param tagId     the tag taken off, or null for an erasure (all of them)
 * @param erasureId the erasure that took the tags off, or null when the person did it themselves
 */
public record MovieUntagged(
        UUID eventId,
        String userId,
        long movieId,
        int streamVersion,
        Instant occurredAt,
        @Nullable UUID tagId,
        @Nullable UUID erasureId)
        implements RatingEvent {

    public static final String TYPE = "MovieUntagged";
    public static final int SCHEMA_VERSION = 1;

    public MovieUntagged {
        if ((tagId == null) == (erasureId == null)) {
            throw new IllegalArgumentException("an untagging names either one tag or an erasure");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public String stream() {
        return TAG_STREAM;
    }
}
