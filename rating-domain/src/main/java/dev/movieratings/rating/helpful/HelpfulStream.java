package dev.movieratings.rating.helpful;

import dev.movieratings.events.HelpfulVote;
import dev.movieratings.events.RatingEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A voter's helpful stream for one film, as the command sees it before deciding: its last version, and per review
 * the latest vote event (the highest version wins, as in the projection).
 */
public record HelpfulStream(String voter, long movieId, int version, Map<UUID, HelpfulVote> latest) {

    public HelpfulStream {
        latest = Map.copyOf(latest);
    }

    /** The stream as its events leave it; events of other streams are left out. */
    public static HelpfulStream of(String voter, long movieId, Collection<? extends RatingEvent> events) {
        int version = 0;
        Map<UUID, HelpfulVote> latest = new HashMap<>();
        for (RatingEvent event : events) {
            if (event instanceof HelpfulVote vote) {
                version = Math.max(version, vote.streamVersion());
                latest.merge(vote.reviewId(), vote, (a, b) -> a.streamVersion() >= b.streamVersion() ? a : b);
            }
        }
        return new HelpfulStream(voter, movieId, version, latest);
    }

    /** Whether the voter's latest event on the review marked it helpful. */
    public boolean marked(UUID reviewId) {
        return vote(reviewId).map(HelpfulVote::marked).orElse(false);
    }

    public Optional<HelpfulVote> vote(UUID reviewId) {
        return Optional.ofNullable(latest.get(reviewId));
    }

    /** The votes that stand, in review id order (an erasure takes them back one by one, in a fixed order). */
    public List<HelpfulVote> standing() {
        return latest.values().stream()
                .filter(HelpfulVote::marked)
                .sorted(java.util.Comparator.comparing(HelpfulVote::reviewId))
                .toList();
    }
}
