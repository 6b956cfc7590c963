package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A person put a tag on a film (issue 19). It belongs to the person's tag stream for the film, whose versions are
 * its own. It carries the tag's id, never its text: a tag is text the person wrote, so the text lives in the
 * personal store ({@code personal.tags}, keyed by the id), which an erasure deletes without rewriting events.
 *
 * @param tagId names this tag on this film for this person; a tag removed and added again gets a new id
 */
public record MovieTagged(UUID eventId, String userId, long movieId, int streamVersion, Instant occurredAt, UUID tagId)
        implements RatingEvent {

    public static final String TYPE = "MovieTagged";
    public static final int SCHEMA_VERSION = 1;

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
