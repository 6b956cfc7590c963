package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A person ({@code userId}, the voter) marked another person's review of the film helpful. The next event of the
 * voter's helpful stream for the film ({@link RatingEvent#HELPFUL_STREAM}); one stream holds the voter's votes on
 * every review of the film, and per review the highest version wins.
 *
 * @param reviewId     the review's identity, which survives edits of its text (the event id of the
 *                     RatingSubmitted that first wrote it; kept with the text in the personal store)
 * @param reviewAuthor the review's author: a vote ends when the author's rating stream ends the review (a
 *                     retraction, an erasure, a rating without a review), which the projection can then tell
 *                     from the events alone, without reading the personal store. An id, never a name or text.
 */
public record ReviewMarkedHelpful(
        UUID eventId,
        String userId,
        long movieId,
        int streamVersion,
        Instant occurredAt,
        UUID reviewId,
        String reviewAuthor)
        implements HelpfulVote {

    public static final String TYPE = "ReviewMarkedHelpful";
    public static final int SCHEMA_VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
