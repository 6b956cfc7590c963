package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.RatingStream;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The append-only event table, as the command side uses it. */
public interface RatingEventStore {

    /** The command already recorded under this user's idempotency key, if any. */
    Optional<RecordedCommand> findByIdempotencyKey(String userId, String idempotencyKey);

    /** The stream's last version and current rating, from its latest event. */
    RatingStream stream(String userId, long movieId);

    /**
     * Appends the event and its publication record in one transaction, records the user, and keeps a
     * review's text in the personal store (the stream's older text goes).
     *
     * @throws StreamVersionConflict when another writer appended to the stream first
     * @throws IdempotencyKeyTaken   when a concurrent request with the same key got there first
     */
    StoredEvent append(RatingEvent event, @Nullable String idempotencyKey, @Nullable String fingerprint);

    record RecordedCommand(Accepted answer, String fingerprint) {}

    class StreamVersionConflict extends RuntimeException {
        public StreamVersionConflict(@Nullable String message) {
            super(message);
        }
    }

    class IdempotencyKeyTaken extends RuntimeException {
        public IdempotencyKeyTaken(@Nullable String message) {
            super(message);
        }
    }
}
