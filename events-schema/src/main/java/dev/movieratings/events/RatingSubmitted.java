package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user set their rating (and optionally a review) for a movie, replacing any earlier one.
 *
 * @param stars         half stars, 0.5 to 5.0
 * @param previousStars the stars this event replaced, or null when the user had no current rating
 * @param ratedSince    when the user's current, unbroken run of ratings for this movie began; carried
 *                      in the event so a projection gets the same answer whatever order events arrive in
 * @param review        the review that goes with the rating, or null for none; its text is not part of
 *                      the event's JSON (see {@link Review})
 * @param channel       how the rating came in (schema version 2): {@link #API} for the ratings API,
 *                      {@link #IMPORT} for a bulk import, {@link #DIARY} with a viewing logged in the diary;
 *                      {@link #UNRECORDED} for a version 1 event, which
 *                      did not say (see {@link dev.movieratings.events.json.RatingSubmittedUpcaster})
 */
public record RatingSubmitted(
        UUID eventId,
        String userId,
        long movieId,
        int streamVersion,
        Instant occurredAt,
        double stars,
        @Nullable Double previousStars,
        Instant ratedSince,
        @Nullable Review review,
        String channel)
        implements RatingEvent {

    public static final String TYPE = "RatingSubmitted";
    public static final int SCHEMA_VERSION = 2;
    public static final String API = "api";
    public static final String IMPORT = "import";
    /** Set with a viewing logged in the diary (issue 20). */
    public static final String DIARY = "diary";

    public static final String UNRECORDED = "unrecorded";

    /** A rating submitted through the ratings API. */
    public RatingSubmitted(
            UUID eventId,
            String userId,
            long movieId,
            int streamVersion,
            Instant occurredAt,
            double stars,
            @Nullable Double previousStars,
            Instant ratedSince,
            @Nullable Review review) {
        this(eventId, userId, movieId, streamVersion, occurredAt, stars, previousStars, ratedSince, review, API);
    }

    /** The event as its JSON carries it: the review's text left out. */
    public RatingSubmitted withoutReviewText() {
        Review withText = review;
        return withText == null || withText.text() == null
                ? this
                : new RatingSubmitted(
                        eventId,
                        userId,
                        movieId,
                        streamVersion,
                        occurredAt,
                        stars,
                        previousStars,
                        ratedSince,
                        withText.withoutText(),
                        channel);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
