package dev.movieratings.rating.projection;

import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.rating.Stars;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The score history by its definition, for checking the stored one: the events of a movie replayed in
 * event time order ({@code occurredAt}, then stream version), each setting its stream's rating (a withdrawal
 * clears it), and the movie's ratings taken at the end of every UTC day on which one of its events occurred.
 * Delivery order plays no part: only which events there are.
 */
public final class ScoreHistory {

    /** A movie's (or, for the totals, every movie's) current ratings at the end of {@code day}. */
    public record Point(LocalDate day, long ratingCount, long halvesSum, long[] histogram) {

        public String describe() {
            return day + ": count " + ratingCount + ", halves " + halvesSum + ", histogram "
                    + Arrays.toString(histogram);
        }
    }

    private record Change(
            String userId,
            long movieId,
            int version,
            Instant at,
            @Nullable Integer halves) {}

    private static final Comparator<Change> EVENT_TIME =
            Comparator.comparing(Change::at).thenComparingInt(Change::version);

    private final Map<Long, List<Change>> byMovie = new HashMap<>();

    public void add(RatingEvent event) {
        if (event instanceof DiaryEvent || !RatingEvent.RATING_STREAM.equals(event.stream())) {
            return; // the diary and the watchlist stream move no score
        }
        @Nullable
        Integer halves = event instanceof RatingSubmitted submitted
                ? Stars.of(submitted.stars()).halves()
                : null;
        byMovie.computeIfAbsent(event.movieId(), m -> new ArrayList<>())
                .add(new Change(event.userId(), event.movieId(), event.streamVersion(), event.occurredAt(), halves));
    }

    public Iterable<Long> movies() {
        return byMovie.keySet();
    }

    /** One point for each day on which an event of the movie occurred, oldest first. */
    public List<Point> ofMovie(long movieId) {
        return replay(byMovie.getOrDefault(movieId, List.of()));
    }

    /** The same over every movie: the totals behind the global mean C. */
    public List<Point> ofAllMovies() {
        return replay(byMovie.values().stream().flatMap(List::stream).toList());
    }

    private static List<Point> replay(List<Change> changes) {
        List<Change> ordered = changes.stream()
                .sorted(EVENT_TIME.thenComparing(Change::userId).thenComparingLong(Change::movieId))
                .toList();
        Map<String, @Nullable Integer> current = new HashMap<>();
        long[] histogram = new long[Stars.MAX_HALVES];
        long count = 0;
        long halves = 0;
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Change change = ordered.get(i);
            Integer after = change.halves();
            Integer before = current.put(change.userId() + "\u0000" + change.movieId(), after);
            if (before != null) {
                count--;
                halves -= before;
                histogram[before - 1]--;
            }
            if (after != null) {
                count++;
                halves += after;
                histogram[after - 1]++;
            }
            LocalDate day = day(change.at());
            if (i + 1 == ordered.size() || !day(ordered.get(i + 1).at()).equals(day)) {
                points.add(new Point(day, count, halves, histogram.clone()));
            }
        }
        return points;
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
