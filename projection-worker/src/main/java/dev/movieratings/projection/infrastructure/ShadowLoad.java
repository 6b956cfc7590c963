package dev.movieratings.projection.infrastructure;

import com.zaxxer.hikari.HikariDataSource;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.rating.Stars;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The rebuild's bulk step, set-based inside PostgreSQL: every event up to a position folded into the
 * shadow tables with the projector's math, one statement for each part of the streams, then the
 * shadow tables' indexes built over the loaded rows. {@link dev.movieratings.rating.projection.ProjectionFold} stays the oracle:
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

    /**
     * Memory for each of the rebuild's transactions only (an ops job, not a request path): the stream
     * sort and each index build, per parallel part. {@code PROJECTION_REBUILD_MEMORY} (e.g. 128MB) lowers
     * it for a small database instance.
     */
    private static String memory() {
        return memorySetting(System.getenv("PROJECTION_REBUILD_MEMORY"));
    }

    // The value goes into a SET statement, so only a plain PostgreSQL memory size is accepted.
    static String memorySetting(String configured) {
        if (configured == null || configured.isBlank()) {
            return "512MB";
        }
        if (!configured.strip().matches("[1-9][0-9]{0,6}(kB|MB|GB)")) {
            throw new IllegalArgumentException(
                    "PROJECTION_REBUILD_MEMORY must be a size such as 128MB or 1GB, got '" + configured + "'");
        }
        return configured.strip();
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    ShadowLoad(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    record Loaded(long events, int streams, int movies, int workers) {}

    /**
     * Fills the shadow user_ratings, movie_scores, rating_totals and watermark from the events at or below
     * {@code upTo}. The streams are split by user into as many parts as PostgreSQL would give one query
     * workers ({@code max_parallel_workers_per_gather} + 1), each folded on its own connection at the
     * same time — an INSERT cannot use PostgreSQL's parallel query — into user_ratings and per-movie
     * partial scores, which one GROUP BY then adds up.
     */
    Loaded load(long upTo) {
        String s = ProjectionTables.SHADOW;
        int workers = workers();
        jdbc.execute(
                "create unlogged table " + s + ".movie_parts (movie_id bigint not null, rating_count bigint not null,"
                        + " stars_sum numeric not null, " + perBucket(halves -> "h" + halves + " bigint not null")
                        + ", review_count bigint not null,"
                        + " last_rated_at timestamptz)");
        List<Work<long[]>> parts = new ArrayList<>();
        for (int part = 0; part < workers; part++) {
            int k = part;
            parts.add(connection -> loadPart(connection, upTo, k, workers));
        }
        long events = 0;
        int streams = 0;
        for (long[] loaded : inParallel(workers, parts)) {
            events += loaded[0];
            streams += (int) loaded[1];
        }
        // the totals first: the lists' basis (C and m) is read from them for every movie's stored weighted rating
        jdbc.update(
                "insert into " + s + ".rating_totals (singleton, rating_count, stars_sum, list_mean, list_min_votes)"
                        + " select true, coalesce(sum(rating_count), 0), coalesce(sum(stars_sum), 0),"
                        + " case when sum(rating_count) > 0 then sum(stars_sum) / sum(rating_count) else 0 end, ?"
                        + " from " + s + ".movie_parts",
                ListBasis.minimumVotes());
        int movies = jdbc.update("insert into " + s
                + ".movie_scores (movie_id, rating_count, stars_sum, histogram, review_count, last_rated_at, weighted)"
                + " select p.*, case when p.rating_count > 0"
                + "   then (p.stars_sum + t.list_min_votes * t.list_mean) / (p.rating_count + t.list_min_votes) end"
                + " from (select movie_id, sum(rating_count) as rating_count, sum(stars_sum) as stars_sum, array["
                + perBucket(halves -> "sum(h" + halves + ")") + "]::bigint[],"
                + " sum(review_count), max(last_rated_at) from " + s + ".movie_parts group by movie_id) p, " + s
                + ".rating_totals t");
        jdbc.execute("drop table " + s + ".movie_parts");
        jdbc.update("insert into " + s + ".watermark (singleton, position) values (true, ?)", upTo);
        return new Loaded(events, streams, movies, workers);
    }

    /**
     * As many as PostgreSQL gives one query ({@code max_parallel_workers_per_gather} + 1, at most 8), or
     * {@code -Dprojection.rebuild.workers=N}; never more than the connection pool holds.
     */
    private int workers() {
        Integer configured = Integer.getInteger("projection.rebuild.workers");
        int workers = configured != null
                ? configured
                : jdbc.queryForObject(
                        "select current_setting('max_parallel_workers_per_gather')::int + 1", Integer.class);
        if (dataSource instanceof HikariDataSource pool) {
            workers = Math.min(workers, pool.getMaximumPoolSize());
        }
        return Math.max(1, Math.min(8, workers));
    }

    /** Folds the streams of users in part {@code part} of {@code parts}, in one transaction; returns {events, streams}. */
    private static long[] loadPart(JdbcTemplate worker, long upTo, int part, int parts) {
        String s = ProjectionTables.SHADOW;
        worker.execute("set local work_mem = '" + memory() + "'");
        return worker.queryForObject(
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
                        + "  from rating_events e where e.position <= ? and (hashtext(e.user_id) & 2147483647) % ? = ?"
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
                        + "  insert into " + s
                        + ".user_ratings (user_id, movie_id, stream_version, stars, review_text, review_spoiler, rated_since, updated_at)"
                        + "  select user_id, movie_id, stream_version, stars, review_text, review_spoiler, rated_since, updated_at from streams"
                        + "  returning 1),"
                        + " scores as ("
                        + "  insert into " + s + ".movie_parts"
                        + "  select movie_id, count(stars), coalesce(sum(stars), 0), "
                        + perBucket(
                                halves -> "count(*) filter (where stars = " + halves / 2 + "." + halves % 2 * 5 + ")")
                        + ","
                        + "         count(review_text) filter (where stars is not null), max(last_applied_at)"
                        + "  from streams group by movie_id"
                        + "  returning 1)"
                        + " select (select coalesce(sum(events), 0) from streams), (select count(*) from ratings), (select count(*) from scores)",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)},
                RatingSubmitted.TYPE,
                RatingSubmitted.SCHEMA_VERSION,
                RatingRetracted.TYPE,
                RatingRetracted.SCHEMA_VERSION,
                upTo,
                parts,
                part);
    }

    /**
     * Builds the live tables' indexes and primary keys (same names, same definitions) on the loaded shadow
     * tables, several at a time on their own connections (largest tables first), then analyzes them.
     */
    void buildIndexes() {
        record Index(String table, String name, String definition, String constraint, String constraintType) {}
        List<Index> indexes = jdbc.query(
                "select t.relname, i.relname, pg_get_indexdef(x.indexrelid), c.conname, c.contype"
                        + " from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid"
                        + " join pg_namespace n on n.oid = t.relnamespace"
                        + " left join pg_constraint c on c.conindid = x.indexrelid and c.contype in ('p', 'u')"
                        + " where n.nspname = ? and t.relname = any(?)"
                        + " order by pg_relation_size(format('%I.%I', ?::text, t.relname)) desc, t.relname, i.relname",
                (rs, n) ->
                        new Index(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                ProjectionTables.LIVE,
                ProjectionTables.TABLES.toArray(String[]::new),
                ProjectionTables.SHADOW);
        List<Work<Void>> builds = new ArrayList<>();
        for (Index index : indexes) {
            String on = " ON " + ProjectionTables.LIVE + "." + index.table() + " ";
            if (!index.definition().contains(on)) {
                throw new IllegalStateException(
                        "cannot rebuild index " + index.name() + ": unexpected definition " + index.definition());
            }
            builds.add(connection -> {
                connection.execute("set local maintenance_work_mem = '" + memory() + "'");
                connection.execute(
                        index.definition().replace(on, " ON " + ProjectionTables.SHADOW + "." + index.table() + " "));
                return null;
            });
        }
        inParallel(workers(), builds);
        for (Index index : indexes) {
            if (index.constraint() != null) {
                jdbc.execute("alter table " + ProjectionTables.SHADOW + "." + index.table() + " add constraint "
                        + index.constraint() + ("p".equals(index.constraintType()) ? " primary key" : " unique")
                        + " using index " + index.name());
            }
        }
        for (String table : ProjectionTables.TABLES) {
            jdbc.execute("analyze " + ProjectionTables.SHADOW + "." + table);
        }
    }

    /** Work for one connection, run in a transaction of its own. */
    private interface Work<T> {
        T run(JdbcTemplate connection);
    }

    /** Runs the work on up to {@code workers} connections at a time; the first failure is rethrown once all have stopped. */
    private <T> List<T> inParallel(int workers, List<Work<T>> work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, work.size())));
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Work<T> each : work) {
                running.add(pool.submit(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        connection.setAutoCommit(false);
                        try {
                            T result = each.run(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
                            connection.commit();
                            return result;
                        } catch (RuntimeException e) {
                            connection.rollback();
                            throw e;
                        }
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<T> each : running) {
                try {
                    results.add(each.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException cause
                                ? cause
                                : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One expression per half-star bucket (1 = 0.5 stars … 10 = 5.0), comma-separated. */
    private static String perBucket(IntFunction<String> expression) {
        return IntStream.rangeClosed(1, Stars.MAX_HALVES).mapToObj(expression).collect(Collectors.joining(", "));
    }
}
