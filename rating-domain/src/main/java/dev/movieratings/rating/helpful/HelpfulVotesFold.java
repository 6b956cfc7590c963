package dev.movieratings.rating.helpful;

import dev.movieratings.events.HelpfulVote;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Folds events into the helpful votes in memory, in any order: per (voter, review) the highest version of the
 * voter's helpful stream wins, and per (author, film) the positions of the events that ended a review are kept, so
 * duplicates and reordering end in one state. Verify and the differential property test fold with it; the
 * projector and the rebuild apply the same rule in SQL.
 */
public final class HelpfulVotesFold {

    private final Map<String, HelpfulVoteRow> votes = new HashMap<>();
    private final Map<String, java.util.TreeSet<Long>> ends = new HashMap<>();

    /**
     * Whether the event ends the author's review of the film: a retraction, an erasure, or a rating without a
     * review (a review written after it is a new review, with a new id).
     */
    public static boolean endsReview(RatingEvent event) {
        return event instanceof RatingRetracted
                || event instanceof RatingErased
                || event instanceof RatingSubmitted submitted && submitted.review() == null;
    }

    /** Applies one stored event (any type; those that neither vote nor end a review change nothing). */
    public void apply(long position, RatingEvent event) {
        if (endsReview(event)) {
            ends.computeIfAbsent(event.userId() + "\u0000" + event.movieId(), k -> new java.util.TreeSet<>())
                    .add(position);
        } else if (event instanceof HelpfulVote vote) {
            String key = vote.userId() + "\u0000" + vote.reviewId();
            HelpfulVoteRow current = votes.get(key);
            if (current == null || vote.streamVersion() > current.version()) {
                votes.put(
                        key,
                        new HelpfulVoteRow(
                                vote.userId(),
                                vote.movieId(),
                                vote.reviewId(),
                                vote.reviewAuthor(),
                                vote.streamVersion(),
                                vote.marked(),
                                position,
                                vote.occurredAt(),
                                null));
            }
        }
    }

    /** Every (voter, review) folded, each with the highest position of an end of its review after it. */
    public List<HelpfulVoteRow> rows() {
        return votes.values().stream().map(this::withEnd).toList();
    }

    public @Nullable HelpfulVoteRow row(String voter, UUID reviewId) {
        HelpfulVoteRow row = votes.get(voter + "\u0000" + reviewId);
        return row == null ? null : withEnd(row);
    }

    /** How many votes count for the review. */
    public long count(UUID reviewId) {
        return rows().stream()
                .filter(row -> row.reviewId().equals(reviewId))
                .filter(HelpfulVoteRow::counted)
                .count();
    }

    private HelpfulVoteRow withEnd(HelpfulVoteRow row) {
        java.util.TreeSet<Long> positions = ends.get(row.reviewAuthor() + "\u0000" + row.movieId());
        Long ended = positions == null || positions.last() <= row.position() ? null : positions.last();
        return new HelpfulVoteRow(
                row.voter(),
                row.movieId(),
                row.reviewId(),
                row.reviewAuthor(),
                row.version(),
                row.marked(),
                row.position(),
                row.votedAt(),
                ended);
    }
}
