package dev.movieratings.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person changed a diary entry: the event carries the whole entry as it now stands (see
 * {@link DiaryEntryLogged}), with when it was first logged, so an edit applied before its entry's first
 * event still gives the entry's place among the same day's viewings.
 *
 * @param loggedAt when the entry was logged (its DiaryEntryLogged's occurredAt)
 */
public record DiaryEntryEdited(
        UUID eventId,
        String userId,
        long movieId,
        int streamVersion,
        Instant occurredAt,
        UUID entryId,
        LocalDate watchedOn,
        boolean rewatch,
        @Nullable Double stars,
        Instant loggedAt)
        implements DiaryEvent {

    public static final String TYPE = "DiaryEntryEdited";
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
