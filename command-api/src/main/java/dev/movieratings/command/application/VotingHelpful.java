package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.rating.helpful.HelpfulDecisions;
import dev.movieratings.rating.helpful.HelpfulStream;
import dev.movieratings.rating.helpful.ReviewToVoteOn;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The helpful commands (issue 20): mark another person's review of a film helpful, take the vote back. Each decides
 * the next event of the voter's helpful stream for the film (or none: both are idempotent) and writes it through
 * {@link OwnStreamCommands} (quota, append with its publication record, publish, retry on a version conflict).
 */
public final class VotingHelpful {

    private final HelpfulEvents events;
    private final OwnStreamCommands commands;
    private final Clock clock;
    private final Supplier<UUID> eventIds;

    public VotingHelpful(
            HelpfulEvents events, PublishingEvents publishing, WriteQuota quota, Clock clock, Supplier<UUID> eventIds) {
        this.events = events;
        this.commands = new OwnStreamCommands(publishing, quota);
        this.clock = clock;
        this.eventIds = eventIds;
    }

    /**
     * @throws ReviewNotFound when the film has no current review with that id
     * @throws dev.movieratings.rating.helpful.OwnReview when the caller wrote it
     */
    public HelpfulChange mark(String voter, long movieId, UUID reviewId) {
        ReviewToVoteOn review = events.review(movieId, reviewId).orElseThrow(() -> new ReviewNotFound(movieId));
        return record(voter, movieId, reviewId, true, s -> HelpfulDecisions.mark(s, review, eventIds.get(), now()));
    }

    /**
     * Takes the caller's vote back. A vote on a review that has ended needs no event (it no longer counts), so only
     * a current review is looked at: @throws ReviewNotFound otherwise.
     */
    public HelpfulChange unmark(String voter, long movieId, UUID reviewId) {
        events.review(movieId, reviewId).orElseThrow(() -> new ReviewNotFound(movieId));
        return record(
                voter, movieId, reviewId, false, s -> HelpfulDecisions.unmark(s, reviewId, eventIds.get(), now()));
    }

    private HelpfulChange record(
            String voter,
            long movieId,
            UUID reviewId,
            boolean helpful,
            Function<HelpfulStream, Optional<? extends RatingEvent>> decide) {
        OwnStreamCommands.Written written = commands.write(
                voter, () -> events.stream(voter, movieId), HelpfulStream::version, decide, events::append);
        return new HelpfulChange(reviewId, helpful, written.eventId(), written.position(), written.streamVersion());
    }

    /** Microseconds, as PostgreSQL keeps them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
