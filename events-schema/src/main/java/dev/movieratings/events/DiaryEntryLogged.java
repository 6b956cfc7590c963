package dev.movieratings.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person logged a viewing of a movie in their diary. Several entries per movie are allowed. The
 * event carries the whole entry, so the diary projection takes the highest stream version of each
 * entry whatever order events arrive in.
 *
 * @param watchedOn the day the person watched the movie, as they gave it (a calendar date, no zone)
 * @param rewatch   whether the person had seen the movie before
 * @param stars     the stars given with this viewing, or null; a RatingSubmitted appended with it sets the
 *                  current rating, this field only records what the diary shows
 */
public record DiaryEntryLogged(
        UUID eventId,
        String userId,
        long movieId,
        int streamVersion,
        Instant occurredAt,
        UUID entryId,
        LocalDate watchedOn,
        boolean rewatch,
        @Nullable Double stars)
        implements DiaryEvent {

    public static final String TYPE = "DiaryEntryLogged";
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
