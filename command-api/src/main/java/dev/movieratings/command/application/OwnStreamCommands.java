package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The write loop of the commands on a person's own streams beside the rating stream (watchlist, helpful votes,
 * tags): read the stream, decide its next event or none (the commands are idempotent), count the write against
 * the per-minute quota, append, publish; when another writer took the version first, read again and decide
 * again. Each feature brings only its stream, its decision rule and its append. The rating commands keep a loop
 * of their own: they always append (a refusal throws) and answer a replayed Idempotency-Key.
 */
public final class OwnStreamCommands {

    private static final int MAX_ATTEMPTS = 5;

    private final PublishingEvents publishing;
    private final WriteQuota quota;

    public OwnStreamCommands(PublishingEvents publishing, WriteQuota quota) {
        this.publishing = publishing;
        this.quota = quota;
    }

    /**
     * What a command did to its stream: the event it appended, or null ids when the stream already said so;
     * {@code streamVersion} is the stream's version after the command.
     */
    public record Written(@Nullable UUID eventId, @Nullable Long position, int streamVersion) {

        static Written nothing(int streamVersion) {
            return new Written(null, null, streamVersion);
        }

        static Written appended(StoredEvent stored) {
            return new Written(
                    stored.event().eventId(), stored.position(), stored.event().streamVersion());
        }
    }

    /**
     * @param userId  whose quota an appending write uses (once, however many attempts it takes)
     * @param read    reads the stream afresh, on every attempt
     * @param version the stream's version, for the answer when nothing is written
     * @param decide  the feature's rule: the next event, or none when the stream already says so
     * @param append  appends the event with its publication record in one transaction
     * @throws RatingEventStore.StreamVersionConflict when every attempt lost the race
     */
    public <S> Written write(
            String userId,
            Supplier<S> read,
            ToIntFunction<S> version,
            Function<S, Optional<? extends RatingEvent>> decide,
            Function<RatingEvent, StoredEvent> append) {
        for (int attempt = 1; ; attempt++) {
            S stream = read.get();
            Optional<? extends RatingEvent> next = decide.apply(stream);
            if (next.isEmpty()) {
                return Written.nothing(version.applyAsInt(stream));
            }
            if (attempt == 1) {
                // counted only for a write that changes something: an idempotent repeat uses no quota
                quota.acquire(userId);
            }
            try {
                StoredEvent stored = append.apply(next.get());
                publishing.publishCommitted(stored);
                return Written.appended(stored);
            } catch (RatingEventStore.StreamVersionConflict e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
