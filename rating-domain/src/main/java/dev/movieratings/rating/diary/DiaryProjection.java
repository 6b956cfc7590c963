package dev.movieratings.rating.diary;

import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.DiaryEvent;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Applies a diary event to its entry: the highest stream version of the entry wins, and every event
 * carries the whole entry, so any delivery order ends in the state the entry's last event describes.
 * An erasure of the stream at version e hides every entry event below e, whenever it arrives.
 */
public final class DiaryProjection {

    private DiaryProjection() {}

    /**
     * @param current    the entry as applied so far, or null
     * @param erasedUpTo the version of the stream's latest erasure applied, 0 if none
     * @return the entry after the event, or empty when the event is stale or erased
     */
    public static Optional<DiaryEntry> apply(@Nullable DiaryEntry current, int erasedUpTo, DiaryEvent event) {
        if (event.streamVersion() < erasedUpTo || current != null && event.streamVersion() <= current.version()) {
            return Optional.empty();
        }
        DiaryEntry after;
        if (event instanceof DiaryEntryLogged logged) {
            after = new DiaryEntry(
                    event.entryId(),
                    event.userId(),
                    event.movieId(),
                    event.streamVersion(),
                    logged.watchedOn(),
                    logged.rewatch(),
                    logged.stars(),
                    event.occurredAt(),
                    event.occurredAt());
        } else if (event instanceof DiaryEntryEdited edited) {
            after = new DiaryEntry(
                    event.entryId(),
                    event.userId(),
                    event.movieId(),
                    event.streamVersion(),
                    edited.watchedOn(),
                    edited.rewatch(),
                    edited.stars(),
                    edited.loggedAt(),
                    event.occurredAt());
        } else {
            DiaryEntryDeleted deleted = (DiaryEntryDeleted) event;
            after = new DiaryEntry(
                    deleted.entryId(),
                    event.userId(),
                    event.movieId(),
                    event.streamVersion(),
                    null,
                    false,
                    null,
                    null,
                    event.occurredAt());
        }
        return Optional.of(after);
    }
}
