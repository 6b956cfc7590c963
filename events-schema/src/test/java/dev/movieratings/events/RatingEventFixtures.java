package dev.movieratings.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Small builders for events in tests. */
public final class RatingEventFixtures {

    private RatingEventFixtures() {}

    public static RatingSubmitted firstRating(String user, long movie, double stars) {
        Instant at = Instant.parse("2026-11-20T10:15:30.123Z");
        return new RatingSubmitted(UUID.randomUUID(), user, movie, 1, at, stars, null, at, null);
    }

    public static RatingSubmitted imported(String user, long movie, double stars) {
        Instant at = Instant.parse("2001-01-01T00:00:00Z");
        return new RatingSubmitted(
                UUID.randomUUID(), user, movie, 1, at, stars, null, at, null, RatingSubmitted.IMPORT);
    }

    public static RatingSubmitted changedRatingWithReview(String user, long movie, double from, double to) {
        return new RatingSubmitted(
                UUID.randomUUID(),
                user,
                movie,
                2,
                Instant.parse("2026-11-26T03:00:00Z"),
                to,
                from,
                Instant.parse("2026-11-20T10:15:30.123Z"),
                new Review("Still great. <b>Really</b> \"quoted\" ünïcödé 🎬", true));
    }

    public static RatingRetracted retraction(String user, long movie, double previous) {
        return new RatingRetracted(UUID.randomUUID(), user, movie, 3, Instant.parse("2026-11-26T04:00:00Z"), previous);
    }

    public static RatingErased erasure(String user, long movie, Double previous) {
        return new RatingErased(
                UUID.randomUUID(),
                user,
                movie,
                4,
                Instant.parse("2026-11-27T05:00:00Z"),
                previous,
                UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c"));
    }

    public static MovieWatchlisted watchlisted(String user, long movie, int version) {
        return new MovieWatchlisted(UUID.randomUUID(), user, movie, version, Instant.parse("2026-12-02T04:30:00Z"));
    }

    public static MovieUnwatchlisted unwatchlisted(String user, long movie, int version, @Nullable UUID erasureId) {
        return new MovieUnwatchlisted(
                UUID.randomUUID(), user, movie, version, Instant.parse("2026-12-02T04:45:00.5Z"), erasureId);
    }

    public static final UUID REVIEW = UUID.fromString("1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");

    public static ReviewMarkedHelpful markedHelpful(String voter, long movie, int version, String author) {
        return new ReviewMarkedHelpful(
                UUID.randomUUID(), voter, movie, version, Instant.parse("2026-12-02T12:30:00Z"), REVIEW, author);
    }

    public static ReviewUnmarkedHelpful unmarkedHelpful(
            String voter, long movie, int version, String author, @Nullable UUID erasureId) {
        return new ReviewUnmarkedHelpful(
                UUID.randomUUID(),
                voter,
                movie,
                version,
                Instant.parse("2026-12-02T12:45:00.25Z"),
                REVIEW,
                author,
                erasureId);
    }

    public static final UUID TAG = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    public static MovieTagged tagged(String user, long movie, int version) {
        return new MovieTagged(UUID.randomUUID(), user, movie, version, Instant.parse("2026-12-02T06:00:00Z"), TAG);
    }

    public static MovieUntagged untagged(String user, long movie, int version, @Nullable UUID erasureId) {
        return new MovieUntagged(
                UUID.randomUUID(),
                user,
                movie,
                version,
                Instant.parse("2026-12-02T06:05:00.25Z"),
                erasureId == null ? TAG : null,
                erasureId);
    }

    public static final UUID DIARY_ENTRY = UUID.fromString("5b1e7c3d-2a4f-4b6e-9c8d-0e1f2a3b4c5d");

    public static DiaryEntryLogged diaryEntry(String user, long movie, Double stars) {
        return new DiaryEntryLogged(
                UUID.randomUUID(),
                user,
                movie,
                5,
                Instant.parse("2026-11-28T20:00:00Z"),
                DIARY_ENTRY,
                LocalDate.parse("2026-11-28"),
                true,
                stars);
    }

    public static DiaryEntryEdited diaryEdit(String user, long movie) {
        return new DiaryEntryEdited(
                UUID.randomUUID(),
                user,
                movie,
                7,
                Instant.parse("2026-11-29T08:00:00Z"),
                DIARY_ENTRY,
                LocalDate.parse("1870-01-01"),
                false,
                null,
                Instant.parse("2026-11-28T20:00:00Z"));
    }

    public static DiaryEntryDeleted diaryDeletion(String user, long movie) {
        return new DiaryEntryDeleted(
                UUID.randomUUID(), user, movie, 8, Instant.parse("2026-11-30T09:00:00Z"), DIARY_ENTRY);
    }

    public static PersonErased personErased(String user, int version, int streams) {
        return new PersonErased(
                UUID.randomUUID(),
                user,
                version,
                Instant.parse("2026-12-02T22:30:00.125Z"),
                UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c"),
                streams);
    }

    /** Each shape as its JSON carries it (a review's text is never on the wire). */
    public static List<RatingEvent> oneOfEachShape() {
        return List.of(
                firstRating("ml-1", 1, 0.5),
                firstRating("alice", 318, 5.0),
                imported("ml-7", 2, 3.0),
                changedRatingWithReview("alice", 318, 4.0, 4.5).withoutReviewText(),
                retraction("alice", 318, 4.5),
                erasure("alice", 318, 4.5),
                erasure("alice", 2, null),
                diaryEntry("alice", 318, 4.5),
                diaryEntry("alice", 318, null),
                diaryEdit("alice", 318),
                diaryDeletion("alice", 318),
                watchlisted("alice", 318, 1),
                unwatchlisted("alice", 318, 2, null),
                unwatchlisted("alice", 2, 4, UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c")),
                markedHelpful("bob", 318, 1, "alice"),
                unmarkedHelpful("bob", 318, 2, "alice", null),
                unmarkedHelpful("bob", 318, 3, "alice", UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c")),
                tagged("alice", 318, 1),
                untagged("alice", 318, 2, null),
                untagged("alice", 2, 3, UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c")),
                personErased("alice", 1, 5),
                personErased("carol", 2, 0));
    }
}
