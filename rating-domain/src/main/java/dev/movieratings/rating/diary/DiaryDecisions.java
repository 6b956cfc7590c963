package dev.movieratings.rating.diary;

import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.rating.Stars;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Turns a diary command and the (user, movie) stream it targets into the stream's next diary event.
 * The stream's events are read whole: its version and the entries it holds come from them.
 */
public final class DiaryDecisions {

    private DiaryDecisions() {}

    public static DiaryEntryLogged log(
            String userId,
            long movieId,
            List<RatingEvent> stream,
            UUID entryId,
            LocalDate watchedOn,
            boolean rewatch,
            @Nullable Stars stars,
            UUID eventId,
            Instant now) {
        return new DiaryEntryLogged(
                eventId,
                userId,
                movieId,
                version(stream) + 1,
                now,
                entryId,
                watchedOn,
                rewatch,
                stars == null ? null : stars.value());
    }

    public static DiaryEntryEdited edit(
            List<RatingEvent> stream,
            DiaryEntry entry,
            LocalDate watchedOn,
            boolean rewatch,
            @Nullable Stars stars,
            UUID eventId,
            Instant now) {
        return new DiaryEntryEdited(
                eventId,
                entry.userId(),
                entry.movieId(),
                version(stream) + 1,
                now,
                entry.entryId(),
                watchedOn,
                rewatch,
                stars == null ? null : stars.value(),
                Objects.requireNonNull(entry.loggedAt()));
    }

    public static DiaryEntryDeleted delete(List<RatingEvent> stream, DiaryEntry entry, UUID eventId, Instant now) {
        return new DiaryEntryDeleted(
                eventId, entry.userId(), entry.movieId(), version(stream) + 1, now, entry.entryId());
    }

    /** The entry as the stream's events leave it, or empty when the stream never held it or it was deleted. */
    public static Optional<DiaryEntry> liveEntry(List<RatingEvent> stream, UUID entryId) {
        DiaryFold fold = new DiaryFold();
        stream.forEach(fold::apply);
        DiaryEntry entry = fold.entry(entryId);
        return entry == null || entry.deleted() ? Optional.empty() : Optional.of(entry);
    }

    /** Every entry of the stream that is neither deleted nor erased. */
    public static List<DiaryEntry> liveEntries(List<RatingEvent> stream) {
        DiaryFold fold = new DiaryFold();
        stream.forEach(fold::apply);
        return fold.entries().stream().filter(entry -> !entry.deleted()).toList();
    }

    private static int version(List<RatingEvent> stream) {
        return stream.stream().mapToInt(RatingEvent::streamVersion).max().orElse(0);
    }
}
