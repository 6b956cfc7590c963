package dev.movieratings.projection.infrastructure;

import java.sql.Timestamp;
import java.util.Optional;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.projection.application.ProjectionOutcome;
import dev.movieratings.rating.Stars;
import dev.movieratings.rating.projection.RatingProjection;
import dev.movieratings.rating.projection.ScoreDelta;
import dev.movieratings.rating.projection.UserRating;
import dev.movieratings.rating.projection.UserRatingChange;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes one event's effect into a set of projection tables: the live ones in schema
 * {@code projection}, or a rebuild's shadow copies. Must run inside the caller's transaction; it
 * records the event in applied_events first, so a second application stops there.
 */
final class ProjectionWriter {

    private final JdbcClient jdbc;
    private final String schema;

    ProjectionWriter(JdbcClient jdbc, String schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    ProjectionOutcome apply(long position, RatingEvent event) {
        // one stream at a time: two events of a stream never interleave their read-modify-write
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, ?))").params(event.userId(), event.movieId())
                .query(Object.class).single();
        int recorded = jdbc.sql("insert into " + schema + ".applied_events (event_id, position) values (?, ?) on conflict do nothing")
                .params(event.eventId(), position).update();
        if (recorded == 0) {
            return ProjectionOutcome.DUPLICATE;
        }
        UserRating current = jdbc.sql("select * from " + schema + ".user_ratings where user_id = ? and movie_id = ?")
                .params(event.userId(), event.movieId())
                .query((rs, row) -> UserRatingRows.read(rs)).optional().orElse(null);
        Optional<UserRatingChange> change = RatingProjection.apply(current, event);
        if (change.isEmpty()) {
            return ProjectionOutcome.STALE;
        }
        jdbc.sql(UserRatingRows.upsert(schema)).params(UserRatingRows.upsertParameters(change.get().after())).update();
        addToScores(change.get().scoreDelta(), event);
        return ProjectionOutcome.APPLIED;
    }

    private void addToScores(ScoreDelta delta, RatingEvent event) {
        long[] histogram = new long[Stars.MAX_HALVES];
        if (delta.removedBucket() != ScoreDelta.NO_BUCKET) {
            histogram[delta.removedBucket()]--;
        }
        if (delta.addedBucket() != ScoreDelta.NO_BUCKET) {
            histogram[delta.addedBucket()]++;
        }
        // create the row first: a delta can be negative, and the row's checks must only ever see real totals
        jdbc.sql("insert into " + schema + ".movie_scores (movie_id) values (?) on conflict do nothing").param(delta.movieId()).update();
        jdbc.sql("update " + schema + ".movie_scores s set"
                        + " rating_count = s.rating_count + ?,"
                        + " stars_sum = s.stars_sum + ?,"
                        + " histogram = (select array_agg(a + b order by i) from unnest(s.histogram, ?::bigint[]) with ordinality as h(a, b, i)),"
                        + " review_count = s.review_count + ?,"
                        + " last_rated_at = greatest(s.last_rated_at, ?)"
                        + " where s.movie_id = ?")
                .params(delta.ratingCount(), delta.starsSum(), UserRatingRows.histogramLiteral(histogram),
                        delta.reviewCount(), Timestamp.from(event.occurredAt()), delta.movieId())
                .update();
        if (delta.ratingCount() != 0 || delta.halvesSum() != 0) {
            jdbc.sql("update " + schema + ".rating_totals set rating_count = rating_count + ?, stars_sum = stars_sum + ?")
                    .params(delta.ratingCount(), delta.starsSum()).update();
        }
    }

    /** Moves the low watermark up to just below the first committed event not yet applied. */
    long advanceWatermark() {
        return jdbc.sql("update " + schema + ".watermark w set position = greatest(w.position, coalesce("
                        + " (select min(e.position) - 1 from rating_events e where e.position > w.position"
                        + "   and not exists (select 1 from " + schema + ".applied_events a where a.position = e.position)),"
                        + " (select coalesce(max(e.position), 0) from rating_events e))) returning position")
                .query(Long.class).single();
    }
}
