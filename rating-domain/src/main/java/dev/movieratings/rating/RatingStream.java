package dev.movieratings.rating;

import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * What the command side knows of one (user, movie) stream before deciding: its last version and the
 * current rating, if any. A brand-new stream has version 0 and no rating.
 */
public record RatingStream(
        String userId,
        long movieId,
        int version,
        @Nullable Stars current,
        @Nullable Instant ratedSince) {

    public static RatingStream empty(String userId, long movieId) {
        return new RatingStream(userId, movieId, 0, null, null);
    }

    /**
     * The stream as its events leave it: the version is the highest of any event (diary events share the
     * stream), the rating is the one the latest rating event left.
     */
    public static RatingStream of(String userId, long movieId, Collection<RatingEvent> events) {
        int version = events.stream().mapToInt(RatingEvent::streamVersion).max().orElse(0);
        return events.stream()
                .filter(event -> !(event instanceof DiaryEvent))
                .max(Comparator.comparingInt(RatingEvent::streamVersion))
                .map(last -> {
                    RatingStream rating = after(last);
                    return new RatingStream(userId, movieId, version, rating.current(), rating.ratedSince());
                })
                .orElse(new RatingStream(userId, movieId, version, null, null));
    }

    /** The stream as its latest event left it, when that is a rating event. */
    public static RatingStream after(RatingEvent last) {
        return last instanceof RatingSubmitted submitted
                ? new RatingStream(
                        last.userId(),
                        last.movieId(),
                        last.streamVersion(),
                        Stars.of(submitted.stars()),
                        submitted.ratedSince())
                : new RatingStream(last.userId(), last.movieId(), last.streamVersion(), null, null);
    }

    public boolean hasRating() {
        return current != null;
    }
}
