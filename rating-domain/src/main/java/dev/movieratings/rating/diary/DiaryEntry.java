package dev.movieratings.rating.diary;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A diary entry as its latest event left it. A deleted entry stays as a tombstone (no date) so an older
 * event of it, delivered late, cannot bring it back.
 *
 * @param version  the stream version of the entry's latest event
 * @param loggedAt when the entry was first logged (its id's first event), null for a tombstone
 */
public record DiaryEntry(
        UUID entryId,
        String userId,
        long movieId,
        int version,
        @Nullable LocalDate watchedOn,
        boolean rewatch,
        @Nullable Double stars,
        @Nullable Instant loggedAt,
        Instant updatedAt) {

    public boolean deleted() {
        return watchedOn == null;
    }
}
