package dev.movieratings.command.application;

import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.RatingDecisions;
import dev.movieratings.rating.RatingStream;
import dev.movieratings.rating.Stars;
import dev.movieratings.rating.diary.DiaryDecisions;
import dev.movieratings.rating.diary.DiaryEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The diary's use cases: log a viewing, change it, delete it. A viewing with stars also sets the current
 * rating through the rating's own decision ({@link RatingDecisions#submit}), appended after the diary
 * event in the same transaction and the same stream, so one version check covers both and one current
 * rating per film stays true. Logging or editing with the stars the rating already has writes no rating
 * event; a rating set from the diary without a review keeps the current review (the diary never deletes
 * one); deleting an entry, or taking its stars away, leaves the rating alone (Letterboxd keeps a film's
 * rating apart from its diary: a rating goes only when it is retracted).
 */
public final class KeepingDiary {

    private static final int MAX_ATTEMPTS = 5;

    private final DiaryStore store;
    private final Catalog catalog;
    private final PublishingEvents publishing;
    private final WriteQuota quota;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final Fingerprints fingerprints;

    public KeepingDiary(
            DiaryStore store,
            Catalog catalog,
            PublishingEvents publishing,
            WriteQuota quota,
            Clock clock,
            Supplier<UUID> ids,
            Fingerprints fingerprints) {
        this.store = store;
        this.catalog = catalog;
        this.publishing = publishing;
        this.quota = quota;
        this.clock = clock;
        this.ids = ids;
        this.fingerprints = fingerprints;
    }

    /**
     * What a diary command appended: the entry, the last event (the rating's when it set one), and whether it set
     * the rating (then the writer waits for the rating's version as after a rating command).
     */
    public record Written(UUID entryId, Accepted last, boolean ratingSet) {}

    public Written log(String userId, long movieId, Viewing viewing, @Nullable String idempotencyKey) {
        Supplier<@Nullable String> fingerprint =
                fingerprints.onFirstUse(userId, idempotencyKey, viewing.digest("diary-log", movieId));
        if (idempotencyKey != null) {
            Optional<Written> replay = replayed(userId, movieId, idempotencyKey, fingerprint);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        if (!catalog.movieExists(movieId)) {
            throw new MovieNotFound(movieId);
        }
        UUID entryId = ids.get();
        return write(userId, movieId, entryId, viewing, idempotencyKey, fingerprint, stream -> {
            Instant now = now();
            return DiaryDecisions.log(
                    userId,
                    movieId,
                    stream,
                    entryId,
                    viewing.watchedOn(),
                    viewing.rewatch(),
                    viewing.stars(),
                    ids.get(),
                    now);
        });
    }

    /** @throws DiaryEntryNotFound when the caller has no such entry (another person's id included) */
    public Written edit(String userId, UUID entryId, Viewing viewing) {
        long movieId = store.movieOfEntry(userId, entryId).orElseThrow(() -> new DiaryEntryNotFound(entryId));
        return write(userId, movieId, entryId, viewing, null, () -> null, stream -> {
            DiaryEntry entry =
                    DiaryDecisions.liveEntry(stream, entryId).orElseThrow(() -> new DiaryEntryNotFound(entryId));
            return DiaryDecisions.edit(
                    stream, entry, viewing.watchedOn(), viewing.rewatch(), viewing.stars(), ids.get(), now());
        });
    }

    /**
     * Idempotent: an entry already deleted (or erased) writes nothing and answers empty.
     *
     * @throws DiaryEntryNotFound when the caller never logged an entry with this id
     */
    public Optional<Written> delete(String userId, UUID entryId) {
        long movieId = store.movieOfEntry(userId, entryId).orElseThrow(() -> new DiaryEntryNotFound(entryId));
        for (int attempt = 1; ; attempt++) {
            List<RatingEvent> stream = store.stream(userId, movieId);
            Optional<DiaryEntry> entry = DiaryDecisions.liveEntry(stream, entryId);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            if (attempt == 1) {
                quota.acquire(userId);
            }
            try {
                List<StoredEvent> stored = store.append(
                        List.of(DiaryDecisions.delete(stream, entry.get(), ids.get(), now())),
                        entryId,
                        null,
                        null,
                        "diary-delete");
                return Optional.of(published(entryId, stored));
            } catch (RatingEventStore.StreamVersionConflict e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Written write(
            String userId,
            long movieId,
            UUID entryId,
            Viewing viewing,
            @Nullable String idempotencyKey,
            Supplier<@Nullable String> fingerprint,
            Function<List<RatingEvent>, DiaryEvent> decide) {
        for (int attempt = 1; ; attempt++) {
            List<RatingEvent> stream = store.stream(userId, movieId);
            DiaryEvent diary = decide.apply(stream);
            List<RatingEvent> events = new ArrayList<>();
            events.add(diary);
            List<RatingEvent> after = new ArrayList<>(stream);
            after.add(diary);
            rating(userId, movieId, after, viewing).ifPresent(events::add);
            if (attempt == 1) {
                // counted only for commands that would be accepted: refused input uses no quota
                quota.acquire(userId);
            }
            try {
                return published(
                        entryId, store.append(events, entryId, viewing.note(), idempotencyKey, fingerprint.get()));
            } catch (RatingEventStore.IdempotencyKeyTaken e) {
                String key = Objects.requireNonNull(idempotencyKey);
                return replayed(userId, movieId, key, fingerprint).orElseThrow(() -> e);
            } catch (RatingEventStore.StreamVersionConflict e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The rating the viewing sets, decided as a rating command decides it; none without stars or a change. */
    private Optional<RatingSubmitted> rating(String userId, long movieId, List<RatingEvent> stream, Viewing viewing) {
        Stars stars = viewing.stars();
        if (stars == null) {
            return Optional.empty();
        }
        RatingStream rating = RatingStream.of(userId, movieId, stream);
        Review review = viewing.review();
        if (review == null) {
            if (stars.equals(rating.current())) {
                return Optional.empty();
            }
            review = currentReview(userId, movieId, stream);
        }
        return Optional.of(RatingDecisions.submit(rating, stars, review, ids.get(), now(), RatingSubmitted.DIARY));
    }

    /** The review the current rating has, its text from the personal store, or null. */
    private @Nullable Review currentReview(String userId, long movieId, List<RatingEvent> stream) {
        RatingEvent last = null;
        for (RatingEvent event : stream) {
            if (!(event instanceof DiaryEvent) && (last == null || event.streamVersion() > last.streamVersion())) {
                last = event;
            }
        }
        if (!(last instanceof RatingSubmitted submitted) || submitted.review() == null) {
            return null;
        }
        boolean spoiler = submitted.review().spoiler();
        return store.reviewText(userId, movieId)
                .map(text -> new Review(text, spoiler))
                .orElse(null);
    }

    private Written published(UUID entryId, List<StoredEvent> stored) {
        stored.forEach(publishing::publishCommitted);
        StoredEvent last = stored.get(stored.size() - 1);
        return new Written(
                entryId,
                new Accepted(
                        last.event().eventId(), last.position(), last.event().streamVersion()),
                last.event() instanceof RatingSubmitted);
    }

    /** A replay answers as the first time: the key is on the command's last event, its entry in its first. */
    private Optional<Written> replayed(
            String userId, long movieId, String idempotencyKey, Supplier<@Nullable String> fingerprint) {
        return store.findByIdempotencyKey(userId, idempotencyKey).map(recorded -> {
            if (!recorded.fingerprint().equals(fingerprint.get())) {
                throw new IdempotencyKeyReused();
            }
            int version = recorded.answer().streamVersion();
            List<RatingEvent> stream = store.stream(userId, movieId);
            UUID entryId = stream.stream()
                    .filter(event -> event instanceof DiaryEvent)
                    .filter(event -> event.streamVersion() == version || event.streamVersion() == version - 1)
                    .max(Comparator.comparingInt(RatingEvent::streamVersion))
                    .map(event -> ((DiaryEvent) event).entryId())
                    .orElseThrow(IdempotencyKeyReused::new);
            boolean ratingSet = stream.stream()
                    .anyMatch(event -> event.streamVersion() == version && event instanceof RatingSubmitted);
            return new Written(entryId, recorded.answer(), ratingSet);
        });
    }

    /** Microseconds, as PostgreSQL keeps them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
