package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.helpful.HelpfulStream;
import dev.movieratings.rating.helpful.ReviewToVoteOn;
import java.util.Optional;
import java.util.UUID;

/** The event table and the personal store's review ids, as the helpful commands use them (issue 20). */
public interface HelpfulEvents {

    /** The film's current review with this id (the personal store holds each current review's id), if any. */
    Optional<ReviewToVoteOn> review(long movieId, UUID reviewId);

    /** The voter's helpful stream for the film. */
    HelpfulStream stream(String voter, long movieId);

    /**
     * Appends the event and its publication record in one transaction.
     *
     * @throws RatingEventStore.StreamVersionConflict when another writer appended to the stream first
     */
    StoredEvent append(RatingEvent event);
}
