package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event in one of a user's streams for one movie. Every event carries its stream identity and
 * per-stream version, so a projection can apply events idempotently and in any order: the highest
 * stream version wins. A (user, movie) pair has two streams, each with versions of its own
 * ({@link #stream()}): the rating stream, which the diary's events ({@link DiaryEvent}) share with the rating
 * events (a diary entry with stars sets the rating), and the watchlist stream. Projections skip the types they
 * do not own. A person also has one stream of their own, {@link PersonErased#PERSON_STREAM}, with no film.
 */
public sealed interface RatingEvent
        permits RatingSubmitted,
                RatingRetracted,
                RatingErased,
                DiaryEvent,
                // watchlist stream (issue 20)
                MovieWatchlisted,
                MovieUnwatchlisted,
                // helpful stream (issue 20)
                HelpfulVote,
                // tag stream (issue 19)
                MovieTagged,
                MovieUntagged,
                // the person's own stream: the audit record of an erasure (issue 16)
                PersonErased {

    /** The rating stream: RatingSubmitted, RatingRetracted, RatingErased and the diary's events. */
    String RATING_STREAM = "rating";

    /** The watchlist stream: MovieWatchlisted, MovieUnwatchlisted. */
    String WATCHLIST_STREAM = "watchlist";

    /** A voter's helpful stream for a film: ReviewMarkedHelpful, ReviewUnmarkedHelpful (issue 20). */
    String HELPFUL_STREAM = "helpful";

    /** The tag stream (issue 19): MovieTagged, MovieUntagged. */
    String TAG_STREAM = "tag";

    /**
     * The movie id of an event of a stream that belongs to no film ({@link PersonErased}): no film has it (movie
     * ids start at 1), it is never written into an event's JSON, and the event table stores null (V122).
     */
    long NO_FILM = 0;

    UUID eventId();

    String userId();

    long movieId();

    int streamVersion();

    Instant occurredAt();

    String type();

    int schemaVersion();

    /** Which of the (user, movie) pair's streams the event belongs to; its version counts in that stream only. */
    default String stream() {
        return RATING_STREAM;
    }
}
