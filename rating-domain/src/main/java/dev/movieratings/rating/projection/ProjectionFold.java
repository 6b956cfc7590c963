package dev.movieratings.rating.projection;

import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.RatingEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Folds a sequence of events into the projections in memory, with the same projection math the live
 * projector applies. The rebuild and the verification fold from nothing; the projector resumes from
 * the stored state of a batch's streams, so its scores are the changes the batch makes.
 */
public final class ProjectionFold {

    private final Map<String, UserRating> streams = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final Map<Long, MovieScore> scores = new HashMap<>();
    private final Map<Long, Instant> lastRated = new HashMap<>();
    private final Set<Long> likesChanged = new LinkedHashSet<>();
    private long events;

    /** Continues a stream from its stored state instead of from nothing. */
    public void resumeFrom(UserRating stored) {
        streams.put(key(stored.userId(), stored.movieId()), stored);
    }

    /**
     * @return whether the event moved its stream forward (false: stale, a newer event is already folded, or a
     *     diary or watchlist event)
     */
    public boolean apply(RatingEvent event) {
        if (event instanceof DiaryEvent) {
            return false; // the diary's own fold (DiaryFold) takes it
        }
        if (!RatingEvent.RATING_STREAM.equals(event.stream())) {
            // another stream of the pair (the watchlist): not a rating, folded by its own projection
            return false;
        }
        events++;
        String key = key(event.userId(), event.movieId());
        return RatingProjection.apply(streams.get(key), event)
                .map(change -> {
                    streams.put(key, change.after());
                    changed.add(key);
                    scores.computeIfAbsent(event.movieId(), MovieScore::new).add(change.scoreDelta());
                    lastRated.merge(event.movieId(), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
                    if (change.changesLikes()) {
                        likesChanged.add(event.movieId());
                    }
                    return true;
                })
                .orElse(false);
    }

    /** The stream's projected state, or null if no event of it was folded. */
    public @Nullable UserRating stream(String userId, long movieId) {
        return streams.get(key(userId, movieId));
    }

    public Collection<UserRating> streams() {
        return streams.values();
    }

    /** The streams some event moved, in their state after the fold. */
    public List<UserRating> changedStreams() {
        return changed.stream().map(streams::get).toList();
    }

    public Collection<MovieScore> scores() {
        return scores.values();
    }

    /** Movies some user started or stopped liking in this fold: their similar movies are out of date. */
    public Set<Long> likesChanged() {
        return likesChanged;
    }

    public @Nullable Instant lastRatedAt(long movieId) {
        return lastRated.get(movieId);
    }

    public long events() {
        return events;
    }

    public long currentRatings() {
        return scores.values().stream().mapToLong(MovieScore::ratingCount).sum();
    }

    private static String key(String userId, long movieId) {
        return userId + "\u0000" + movieId;
    }
}
