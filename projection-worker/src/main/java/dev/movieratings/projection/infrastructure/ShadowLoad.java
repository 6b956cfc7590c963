package dev.movieratings.projection.infrastructure;

import java.util.List;

import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.rating.Stars;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rebuild's bulk step, set-based inside PostgreSQL: every event up to a position folded into the
 * shadow tables with the projector's math, in one statement, then the shadow tables' indexes built
 * over the loaded rows. {@link dev.movieratings.rating.projection.ProjectionFold} stays the oracle:
 * {@link ProjectionVerification} folds the same events in Java and compares.
 *
 * <p>The math, per (user, movie) stream, in stream-version order: the event with the highest version
 * decides the row (stars, review, rated since, updated at; a withdrawal leaves a tombstone without
 * stars that keeps its version). An event counts as applied — and so moves last_rated_at — only if no
 * event of the stream with a higher version came before it in position order (the projector would
 * have found it stale). Scores are the per-movie count, exact sum, half-star histogram and review
 * count of the current ratings.
 */
final class ShadowLoad {

    /** Memory for this transaction only (an ops job, not a request path): the stream sort and the index builds. */
    static final String WORK_MEM = "512MB";
    static final String MAINTENANCE_WORK_MEM = "1GB";

    private final JdbcTemplate jdbc;

    ShadowLoad(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Loaded(long events, int streams, int movies) {
    }

    /** Fills the shadow user_ratings, movie_scores, rating_totals and watermark from the events at or below {@code upTo}. */
    Loaded load(long upTo) {
        String s = ProjectionTables.SHADOW;
        jdbc.execute("set local work_mem = '" + WORK_MEM + "'");
        Loaded loaded = jdbc.queryForObject(
                "with events as ("
                        + "  select e.user_id collate \"C\" as user_id, e.movie_id, e.stream_version, e.position, e.occurred_at,"
                        + "         case when e.event_type = ? and e.schema_version between 1 and ? then true"
                        + "              when e.event_type = ? and e.schema_version between 1 and ? then false"
                        // an event the fold could not read stops the rebuild, as the fold would
                        + "              else ('event at position ' || e.position || ' has unknown type ' || e.event_type"
                        + "                    || ' or schema version ' || e.schema_version)::boolean end as submitted,"
                        + "         (e.payload ->> 'stars')::numeric as stars,"
                        + "         e.payload -> 'review' ->> 'text' as review_text,"
                        + "         (e.payload -> 'review' ->> 'spoiler')::boolean as review_spoiler,"
                        + "         (e.payload ->> 'ratedSince')::timestamptz as rated_since"
                        + "  from rating_events e where e.position <= ?"
                        // offset 0: extract the fields before the sort, so it sorts narrow rows, not payloads
                        + "  offset 0),"
                        + " versions as ("
                        + "  select ev.*, min(ev.position) over (partition by ev.user_id, ev.movie_id order by ev.stream_version desc"
                        + "                                        rows between unbounded preceding and 1 preceding) as first_newer_position"
                        + "  from events ev),"
                        + " streams as materialized ("
                        + "  select user_id, movie_id, max(stream_version) as stream_version, count(*) as events,"
                        + "         max(stars) filter (where first_newer_position is null and submitted) as stars,"
                        + "         max(review_text) filter (where first_newer_position is null and submitted) as review_text,"
                        + "         bool_or(review_spoiler) filter (where first_newer_position is null and submitted and review_text is not null) as review_spoiler,"
                        + "         max(rated_since) filter (where first_newer_position is null and submitted) as rated_since,"
                        + "         max(occurred_at) filter (where first_newer_position is null) as updated_at,"
                        + "         max(occurred_at) filter (where first_newer_position is null or position < first_newer_position) as last_applied_at"
                        + "  from versions group by user_id, movie_id),"
                        + " ratings as ("
                        + "  insert into " + s + ".user_ratings (user_id, movie_id, stream_version, stars, review_text, review_spoiler, rated_since, updated_at)"
                        + "  select user_id, movie_id, stream_version, stars, review_text, review_spoiler, rated_since, updated_at from streams"
                        + "  returning 1),"
                        + " scores as ("
                        + "  insert into " + s + ".movie_scores (movie_id, rating_count, stars_sum, histogram, review_count, last_rated_at)"
                        + "  select movie_id, count(stars), coalesce(sum(stars), 0), " + histogram() + ","
                        + "         count(review_text) filter (where stars is not null), max(last_applied_at)"
                        + "  from streams group by movie_id"
                        + "  returning 1)"
                        + " select (select coalesce(sum(events), 0) from streams), (select count(*) from ratings), (select count(*) from scores)",
                (rs, n) -> new Loaded(rs.getLong(1), rs.getInt(2), rs.getInt(3)),
                RatingSubmitted.TYPE, RatingSubmitted.SCHEMA_VERSION, RatingRetracted.TYPE, RatingRetracted.SCHEMA_VERSION, upTo);
        jdbc.update("insert into " + s + ".rating_totals (singleton, rating_count, stars_sum)"
                + " select true, coalesce(sum(rating_count), 0), coalesce(sum(stars_sum), 0) from " + s + ".movie_scores");
        jdbc.update("insert into " + s + ".watermark (singleton, position) values (true, ?)", upTo);
        return loaded;
    }

    /** Builds the live tables' indexes and primary keys (same names, same definitions) on the loaded shadow tables, then analyzes them. */
    void buildIndexes() {
        jdbc.execute("set local maintenance_work_mem = '" + MAINTENANCE_WORK_MEM + "'");
        record Index(String table, String name, String definition, String constraint, String constraintType) {
        }
        List<Index> indexes = jdbc.query("select t.relname, i.relname, pg_get_indexdef(x.indexrelid), c.conname, c.contype"
                        + " from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid"
                        + " join pg_namespace n on n.oid = t.relnamespace"
                        + " left join pg_constraint c on c.conindid = x.indexrelid and c.contype in ('p', 'u')"
                        + " where n.nspname = ? and t.relname = any(?) order by t.relname, i.relname",
                (rs, n) -> new Index(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                ProjectionTables.LIVE, ProjectionTables.TABLES.toArray(String[]::new));
        for (Index index : indexes) {
            String on = " ON " + ProjectionTables.LIVE + "." + index.table() + " ";
            if (!index.definition().contains(on)) {
                throw new IllegalStateException("cannot rebuild index " + index.name() + ": unexpected definition " + index.definition());
            }
            jdbc.execute(index.definition().replace(on, " ON " + ProjectionTables.SHADOW + "." + index.table() + " "));
            if (index.constraint() != null) {
                jdbc.execute("alter table " + ProjectionTables.SHADOW + "." + index.table() + " add constraint " + index.constraint()
                        + ("p".equals(index.constraintType()) ? " primary key" : " unique") + " using index " + index.name());
            }
        }
        for (String table : ProjectionTables.TABLES) {
            jdbc.execute("analyze " + ProjectionTables.SHADOW + "." + table);
        }
    }

    private static String histogram() {
        StringBuilder buckets = new StringBuilder("array[");
        for (int halves = 1; halves <= Stars.MAX_HALVES; halves++) {
            buckets.append(halves == 1 ? "" : ", ").append("count(*) filter (where stars = ").append(halves / 2).append('.').append(halves % 2 * 5).append(')');
        }
        return buckets.append("]::bigint[]").toString();
    }
}
