package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The event table and the personal store, as the diary's commands use them. */
public interface DiaryStore {

    /** Every event of the (user, movie) stream, in version order: its diary entries and its rating. */
    List<RatingEvent> stream(String userId, long movieId);

    /** The movie of the person's entry, or empty when this person never logged an entry with this id. */
    Optional<Long> movieOfEntry(String userId, UUID entryId);

    /** The text of the stream's current review, from the personal store, if it has one. */
    Optional<String> reviewText(String userId, long movieId);

    /** The command recorded under this user's idempotency key, if any (see {@link RatingEventStore}). */
    Optional<RatingEventStore.RecordedCommand> findByIdempotencyKey(String userId, String idempotencyKey);

    /**
     * In one transaction: the events, in order, with their publication records (a rating event keeps its
     * review text as the rating command's append does; the key goes on the last event), and the entry's
     * note set (or removed when {@code note} is null).
     *
     * @throws RatingEventStore.StreamVersionConflict when another writer appended to the stream first
     * @throws RatingEventStore.IdempotencyKeyTaken   when a concurrent request with the same key got there first
     */
    List<StoredEvent> append(
            List<RatingEvent> events,
            UUID entryId,
            @Nullable String note,
            @Nullable String idempotencyKey,
            String fingerprint);

    /** The person's diary notes, by entry (for the export). */
    List<NoteCopy> notesOf(String userId);

    record NoteCopy(UUID entryId, String text) {}
}
