package dev.movieratings.events;

import java.util.UUID;

/**
 * An event of a voter's helpful stream for a film (issue 20): a vote on one review of the film, or its
 * withdrawal. It carries ids only (voter, film, review, the review's author); never a text.
 */
public sealed interface HelpfulVote extends RatingEvent permits ReviewMarkedHelpful, ReviewUnmarkedHelpful {

    UUID reviewId();

    String reviewAuthor();

    /** Whether the vote stands after this event. */
    default boolean marked() {
        return this instanceof ReviewMarkedHelpful;
    }

    @Override
    default String stream() {
        return HELPFUL_STREAM;
    }
}
