package dev.movieratings.projection.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.projection.ProjectionFold;
import dev.movieratings.rating.projection.UserRating;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A set of projection tables (the live ones, or a rebuild's shadow copies), as the projector's use
 * case writes them. Persistence only: what to write is decided by {@link ProjectionBatch}. Every call
 * runs in the caller's transaction, and each is one statement however many events it is given.
 */
public interface ProjectionStore {

    /**
     * Takes the events' streams' locks, in one order for every caller so two batches on the same streams
     * queue rather than deadlock, and marks the earlier failures of the given event ids resolved.
     */
    void lockStreams(Collection<StoredEvent> events, Collection<UUID> resolvingFailuresOf);

    /**
     * Records the events as applied, except those recorded before or at or below the watermark, and
     * creates the score rows of movies seen for the first time.
     *
     * @return the events recorded now, and the stored state of the events' streams
     */
    Recorded recordApplied(Collection<StoredEvent> events);

    /** Writes each changed stream, each movie's summed change and the global totals the fold holds. */
    void writeChanges(ProjectionFold fold);

    /**
     * Adds events to the score history (the event-time timeline, each movie's and the totals' end-of-day rows).
     * Any order gives the same rows; an event already in the timeline changes nothing.
     */
    void writeHistory(List<RatingEvent> events);

    /**
     * Applies diary events and erasures to the diary: per entry the highest stream version wins, an erasure
     * deletes the stream's older entries and keeps its version so an older entry event arriving later stays
     * out. Any order gives the same rows; an event already applied changes nothing.
     *
     * @param events diary events and erasures only
     */
    void writeDiary(List<RatingEvent> events);

    /**
     * Marks movies whose likes changed (a user started or stopped rating them 4.0 or more): the next refresh of
     * similar movies recomputes their pairs. A mark made while a refresh runs outlives it.
     */
    void markSimilarityStale(Collection<Long> movies);

    /**
     * The watchlist (issue 20): applies the batch's watchlist events (each stream's highest version wins) and the
     * rule that a submitted rating takes its film off the person's list (the highest applied RatingSubmitted
     * position of each pair is kept beside the pair's watchlist state). Any order gives the same rows.
     *
     * @param watchlist the batch's watchlist events recorded now
     * @param submitted the batch's RatingSubmitted events recorded now
     * @return the ids of the watchlist events that moved their stream forward (the others were stale)
     */
    Set<UUID> writeWatchlist(List<StoredEvent> watchlist, List<StoredEvent> submitted);

    /**
     * Helpful votes (issue 20): applies the batch's votes (per voter and review the highest version of the voter's
     * helpful stream wins) and the rule that the end of a review (a retraction, an erasure, a rating without a
     * review) ends the votes cast on it before. Any order gives the same rows.
     *
     * @param votes      the batch's helpful vote events recorded now
     * @param reviewEnds the batch's rating events recorded now that end their stream's review
     * @return the ids of the vote events that moved their (voter, review) forward (the others were stale)
     */
    Set<UUID> writeHelpful(List<StoredEvent> votes, List<StoredEvent> reviewEnds);

    /**
     * Tags (issue 19): applies the batch's tag events, recorded now, in any order (see the tag tables in V110).
     *
     * @param tags the batch's MovieTagged and MovieUntagged events recorded now
     */
    void writeTags(List<RatingEvent> tags);

    /** Moves the low watermark up to the highest position below which every event is applied. */
    long advanceWatermark();

    /**
     * Notes why a delivered message could not be applied, for ops to read beside the dead-letter queue.
     *
     * @param eventId the event the message named, or null when it held no readable event
     */
    void recordFailure(@Nullable UUID eventId, String messageId, String error);

    record Recorded(Set<UUID> eventIds, List<UserRating> streams) {}
}
