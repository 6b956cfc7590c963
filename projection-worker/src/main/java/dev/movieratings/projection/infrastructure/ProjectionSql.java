package dev.movieratings.projection.infrastructure;

/**
 * The projector's statements, written once for every set of projection tables: {@code {schema}} is
 * the schema they are in (the live {@code projection}, or a rebuild's {@code projection_rebuild}).
 * Every array goes over the wire as text and is cast here, so no value depends on the driver's or the
 * session's time zone.
 */
final class ProjectionSql {

    /** Taken in key order, so two batches touching the same streams queue rather than deadlock. */
    static final String LOCK_STREAMS = """
            with resolved as (
                update ops.projection_failures set resolved_at = now()
                where subject = any(?::text[]) and resolved_at is null)
            select count(pg_advisory_xact_lock(k))
            from (select distinct hashtextextended(user_id, movie_id) as k
                  from unnest(?::text[], ?::bigint[]) as s(user_id, movie_id)
                  order by k offset 0) as keys""";

    /**
     * Score rows of new movies first (a change can be negative, and a row's checks must only ever see
     * real totals); an event recorded before, or at or below the watermark, is not recorded again, unless
     * an operator parked it (the watermark passed it unapplied) and it is now retried.
     */
    static final String RECORD_AND_RESUME = """
            with created as (
                insert into {schema}.movie_scores (movie_id)
                select distinct m from unnest(?::bigint[]) as m order by m
                on conflict do nothing),
            recorded as (
                insert into {schema}.applied_events (event_id, position)
                select e, p from unnest(?::uuid[], ?::bigint[]) as t(e, p)
                where p > (select position from {schema}.watermark)
                   or exists (select 1 from ops.parked_events pe where pe.position = p and pe.replayed_at is null)
                on conflict do nothing
                returning event_id)
            select (select array_agg(event_id)::text[] from recorded) as recorded, r.*
            from (values (1)) as one
            left join ({schema}.user_ratings r
                join unnest(?::text[], ?::bigint[]) as s(u, m) on r.user_id = s.u and r.movie_id = s.m) on true""";

    /**
     * Writes the batch and answers with the list basis and the totals after it, so the caller runs
     * RESCORE_IF_DRIFTED only when C may have drifted past the tolerance (one statement less per batch).
     */
    static final String WRITE_CHANGES = """
            with streams as (
                insert into {schema}.user_ratings as r (user_id, movie_id, stream_version, stars, review_spoiler,
                                                       rated_since, updated_at)
                select * from unnest(?::text[], ?::bigint[], ?::int[], ?::numeric[], ?::boolean[],
                                     ?::timestamptz[], ?::timestamptz[])
                on conflict (user_id, movie_id) do update set
                    stream_version = excluded.stream_version, stars = excluded.stars,
                    review_spoiler = excluded.review_spoiler,
                    rated_since = excluded.rated_since, updated_at = excluded.updated_at),
            totals as (
                update {schema}.rating_totals set rating_count = rating_count + ?, stars_sum = stars_sum + ?
                where ? <> 0 or ? <> 0
                returning rating_count, stars_sum, list_mean, list_min_votes, list_mean_at),
            scores as (
                update {schema}.movie_scores s set
                    rating_count = s.rating_count + d.count,
                    stars_sum = s.stars_sum + d.sum,
                    histogram = (select array_agg(a + b order by i)
                                 from unnest(s.histogram, d.histogram::bigint[]) with ordinality as h(a, b, i)),
                    review_count = s.review_count + d.reviews,
                    last_rated_at = greatest(s.last_rated_at, d.rated_at),
                    -- the lists' order: this movie's weighted rating with the stored list basis (RESCORE_IF_DRIFTED)
                    weighted = case when s.rating_count + d.count > 0
                        then (s.stars_sum + d.sum + t.list_min_votes * t.list_mean)
                             / (s.rating_count + d.count + t.list_min_votes) end
                from unnest(?::bigint[], ?::bigint[], ?::numeric[], ?::text[], ?::bigint[], ?::timestamptz[])
                    as d(movie_id, count, sum, histogram, reviews, rated_at),
                    {schema}.rating_totals t
                where s.movie_id = d.movie_id
                returning 1)
            select (select count(*) from scores) as movies, b.rating_count, b.stars_sum, b.list_mean, b.list_min_votes,
                   extract(epoch from now() - b.list_mean_at) as basis_age_seconds
            from (select * from totals
                  union all
                  select rating_count, stars_sum, list_mean, list_min_votes, list_mean_at from {schema}.rating_totals
                  where not exists (select 1 from totals)) b""";

    /**
     * Re-reads C into the lists' basis and recomputes every stored weighted rating with it, when C has
     * drifted beyond the tolerance and the basis is older than the interval, or m was changed
     * ({@link ListBasis}). Until then a list orders by a C at most that old; the movie page's is exact.
     */
    static final String RESCORE_IF_DRIFTED = """
            with basis as (
                update {schema}.rating_totals t set list_mean = c.mean, list_min_votes = :m, list_mean_at = now()
                from (select case when rating_count > 0 then stars_sum / rating_count else 0 end as mean
                      from {schema}.rating_totals) c
                where t.list_min_votes <> :m
                   or (abs(t.list_mean - c.mean) > cast(:tolerance as numeric)
                       and t.list_mean_at <= now() - make_interval(secs => :interval))
                returning t.list_mean, t.list_min_votes)
            update {schema}.movie_scores s
            set weighted = (s.stars_sum + b.list_min_votes * b.list_mean) / (s.rating_count + b.list_min_votes)
            from basis b
            where s.rating_count > 0""";

    /**
     * Just below the first committed event neither applied nor parked by an operator (a parked event is
     * decided, so one event the projector cannot apply holds nothing back). Both index scans start at the
     * watermark and stop at the first gap, so an advance costs the events applied since the last one, not
     * the whole table (a min() over an anti join walked every event above it).
     */
    static final String ADVANCE_WATERMARK = """
            update {schema}.watermark w set position = greatest(w.position, coalesce(
                (select e.position - 1 from rating_events e
                 where e.position > w.position
                   and not exists (select 1 from {schema}.applied_events a
                                   where a.position = e.position and a.position > w.position)
                   and not exists (select 1 from ops.parked_events p
                                   where p.position = e.position and p.replayed_at is null)
                 order by e.position limit 1),
                (select coalesce(max(e.position), 0) from rating_events e)))
            returning position""";

    static final String RECORD_FAILURE = """
            insert into ops.projection_failures (subject, event_id, message_id, error) values (?, ?, ?, ?)
            on conflict (subject) do update set
                failures = ops.projection_failures.failures + 1, error = excluded.error,
                message_id = excluded.message_id, last_failed_at = now(), resolved_at = null""";

    private ProjectionSql() {}

    static String inSchema(String statement, String schema) {
        return statement.replace("{schema}", schema);
    }
}
