package dev.movieratings.rating.projection;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.movieratings.events.RatingEvent;

/**
 * Folds a sequence of events into the projections in memory, with the same projection math the live
 * projector applies one event at a time. The rebuild and the verification both use it.
 */
public final class ProjectionFold {

    private final Map<String, UserRating> streams = new HashMap<>();
    private final Map<Long, MovieScore> scores = new HashMap<>();
    private final Map<Long, Instant> lastRated = new HashMap<>();
    private long events;

    public void apply(RatingEvent event) {
        events++;
        String key = key(event.userId(), event.movieId());
        RatingProjection.apply(streams.get(key), event).ifPresent(change -> {
            streams.put(key, change.after());
            scores.computeIfAbsent(event.movieId(), MovieScore::new).add(change.scoreDelta());
            lastRated.merge(event.movieId(), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
        });
    }

    private static String key(String userId, long movieId) {
        return userId + "\u0000" + movieId;
    }

    /** The stream's projected state, or null if no event of it was folded. */
    public UserRating stream(String userId, long movieId) {
        return streams.get(key(userId, movieId));
    }

    public Collection<UserRating> streams() {
        return streams.values();
    }

    public Collection<MovieScore> scores() {
        return scores.values();
    }

    public Instant lastRatedAt(long movieId) {
        return lastRated.get(movieId);
    }

    public long events() {
        return events;
    }

    public long currentRatings() {
        return scores.values().stream().mapToLong(MovieScore::ratingCount).sum();
    }
}
