package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;

/** A person deleted a diary entry. The current rating stays: a rating is withdrawn only by retracting it. */
public record DiaryEntryDeleted(
        UUID eventId, String userId, long movieId, int streamVersion, Instant occurredAt, UUID entryId)
        implements DiaryEvent {

    public static final String TYPE = "DiaryEntryDeleted";
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
