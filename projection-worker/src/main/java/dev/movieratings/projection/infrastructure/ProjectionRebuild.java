package dev.movieratings.projection.infrastructure;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.rating.projection.MovieScore;
import dev.movieratings.rating.projection.RatingProjection;
import dev.movieratings.rating.projection.UserRating;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every projection from the event table with the same projection math the live projector
 * uses, folded in memory and written in one transaction. The projection tables are locked for the
 * duration, so a projector applying an event meanwhile waits and then finds it already applied.
 */
public final class ProjectionRebuild {

    private static final int BATCH = 2_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public ProjectionRebuild(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5_000);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public record Report(long events, int streams, int movies, long watermark, Duration took) {
    }

    public Report rebuildAll() {
        long started = System.nanoTime();
        return transaction.execute(status -> {
            jdbc.execute("lock table projection.user_ratings, projection.movie_scores, projection.applied_events,"
                    + " projection.rating_totals, projection.watermark in access exclusive mode");
            Map<String, UserRating> streams = new HashMap<>();
            Map<Long, MovieScore> scores = new HashMap<>();
            Map<Long, Timestamp> lastRated = new HashMap<>();
            List<Object[]> applied = new ArrayList<>();
            long[] maxPosition = {0};
            jdbc.query("select position, payload::text as payload from rating_events order by position", rs -> {
                long position = rs.getLong("position");
                RatingEvent event = RatingEventJson.read(rs.getString("payload"));
                String key = event.userId() + "\u0000" + event.movieId();
                RatingProjection.apply(streams.get(key), event).ifPresent(change -> {
                    streams.put(key, change.after());
                    scores.computeIfAbsent(event.movieId(), MovieScore::new).add(change.scoreDelta());
                    lastRated.merge(event.movieId(), Timestamp.from(event.occurredAt()), (a, b) -> a.after(b) ? a : b);
                });
                applied.add(new Object[] {event.eventId(), position});
                maxPosition[0] = Math.max(maxPosition[0], position);
            });
            jdbc.execute("truncate projection.user_ratings, projection.movie_scores, projection.applied_events");
            batch("insert into projection.applied_events (event_id, position) values (?, ?)", applied);
            batch(UserRatingRows.UPSERT, streams.values().stream().map(UserRatingRows::upsertParameters).toList());
            List<Object[]> scoreRows = scores.values().stream().map(s -> new Object[] {s.movieId(), s.ratingCount(), s.starsSum(),
                    UserRatingRows.histogramLiteral(s.histogram()), s.reviewCount(), lastRated.get(s.movieId())}).toList();
            batch("insert into projection.movie_scores (movie_id, rating_count, stars_sum, histogram, review_count, last_rated_at)"
                    + " values (?, ?, ?, ?::bigint[], ?, ?)", scoreRows);
            jdbc.update("update projection.rating_totals set rating_count = coalesce((select sum(rating_count) from projection.movie_scores), 0),"
                    + " stars_sum = coalesce((select sum(stars_sum) from projection.movie_scores), 0)");
            jdbc.update("update projection.watermark set position = ?", maxPosition[0]);
            return new Report(applied.size(), streams.size(), scores.size(), maxPosition[0], Duration.ofNanos(System.nanoTime() - started));
        });
    }

    private void batch(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
    }
}
