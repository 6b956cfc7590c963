package dev.movieratings.command.application;

import dev.movieratings.command.application.PersonalData.Profile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Everything held about the person: profile, current ratings with their review, diary, the tags on now with
 * their text as written, the films on their watchlist, the helpful votes that stand, and every event.
 */
public record PersonalDataExport(
        String userId,
        Instant exportedAt,
        @Nullable Profile profile,
        List<CurrentRating> ratings,
        List<Event> events,
        List<DiaryEntryCopy> diary,
        List<TagCopy> tags,
        List<WatchlistItem> watchlist,
        List<HelpfulVoteCopy> helpfulVotes) {

    /** A tag on a film, as the person wrote it, and when they put it there. */
    public record TagCopy(
            long movieId, UUID tagId, String text, @Nullable Instant taggedAt) {}

    /**
     * A film the person's latest watchlist event listed (the read side also drops a film once rated: a rule of the
     * projection, not of what the person did).
     */
    public record WatchlistItem(long movieId, Instant listedAt) {}

    /** A vote that stands: the review's id and film, never its author (another person's id). */
    public record HelpfulVoteCopy(long movieId, UUID reviewId, Instant votedAt) {}

    /** A diary entry as the person's diary shows it, with its private note. */
    public record DiaryEntryCopy(
            UUID entryId,
            long movieId,
            LocalDate watchedOn,
            boolean rewatch,
            @Nullable Double stars,
            @Nullable Instant loggedAt,
            Instant updatedAt,
            @Nullable String note) {}

    public record CurrentRating(
            long movieId,
            double stars,
            Instant ratedSince,
            Instant updatedAt,
            int streamVersion,
            @Nullable Review review) {}

    public record Review(String text, boolean spoiler, UUID reviewId, Instant writtenAt) {}

    /** One event as the person's history: what they did, when, and the stars and review flag it carried. */
    public record Event(
            long position,
            String type,
            @Nullable Long movieId,
            int streamVersion,
            Instant occurredAt,
            @Nullable Double stars,
            @Nullable Double previousStars,
            @Nullable Boolean reviewSpoiler,
            @Nullable UUID tagId,
            @Nullable UUID reviewId) {}
}
