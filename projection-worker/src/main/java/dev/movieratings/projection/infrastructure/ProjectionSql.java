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
     * real totals); events are recorded by position only (V105: one index, appended to in order). An event
     * recorded before, or at or below the watermark, is not recorded again, unless
     * an operator parked it (the watermark passed it unapplied) and it is now retried.
     */
    static final String RECORD_AND_RESUME = """
            with created as (
                insert into {schema}.movie_scores (movie_id)
                select distinct m from unnest(?::bigint[]) as m order by m
                on conflict do nothing),
            recorded as (
                insert into {schema}.applied_events (position)
                select p from unnest(?::bigint[]) as p
                where p > (select position from {schema}.watermark)
                   or exists (select 1 from ops.parked_events pe where pe.position = p and pe.replayed_at is null)
                order by p
                on conflict do nothing
                returning position)
            select (select array_agg(position) from recorded) as recorded, r.*
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

    /** A movie already marked counts one more mark, so a refresh running meanwhile keeps it marked: see V81. */
    static final String MARK_SIMILARITY_STALE = """
            insert into {schema}.similarity_stale as s (movie_id)
            select m from unnest(?::bigint[]) as m order by m
            on conflict (movie_id) do update set marks = s.marks + 1, marked_at = now()""";

    /**
     * Score history, first step for a batch's events (users, movies, versions, occurred at, stars or null): records
     * them in the event-time timeline and makes sure each one's movie and the totals have a row for its UTC day, a
     * copy of the latest earlier row (no event of that movie occurred on that day yet, so nothing changed since).
     * Answers the events that were new to the timeline: a known one changes nothing.
     */
    static final String HISTORY_ADD_EVENTS = """
            with event as (
                select * from unnest(?::text[], ?::bigint[], ?::int[], ?::timestamptz[], ?::numeric[])
                    as e(user_id, movie_id, stream_version, occurred_at, stars)),
            added as (
                insert into {schema}.score_timeline (user_id, movie_id, stream_version, occurred_at, stars)
                select * from event order by movie_id, user_id, stream_version
                on conflict do nothing
                returning user_id, movie_id, stream_version, (occurred_at at time zone 'UTC')::date as day),
            movie_days as (
                insert into {schema}.movie_score_history (movie_id, day, rating_count, stars_sum, histogram)
                select a.movie_id, a.day, coalesce(b.rating_count, 0), coalesce(b.stars_sum, 0),
                       coalesce(b.histogram, '{0,0,0,0,0,0,0,0,0,0}')
                from (select distinct movie_id, day from added) a
                left join lateral (select * from {schema}.movie_score_history h
                                   where h.movie_id = a.movie_id and h.day < a.day
                                   order by h.day desc limit 1) b on true
                order by a.movie_id, a.day
                on conflict do nothing),
            totals_days as (
                insert into {schema}.rating_totals_history (day, rating_count, stars_sum)
                select a.day, coalesce(b.rating_count, 0), coalesce(b.stars_sum, 0)
                from (select distinct day from added) a
                left join lateral (select * from {schema}.rating_totals_history h
                                   where h.day < a.day order by h.day desc limit 1) b on true
                order by a.day
                on conflict do nothing)
            select user_id, movie_id, stream_version from added""";

    /**
     * Score history, second step for the events the first one added (same arrays). An event changes its stream's
     * state from its own instant up to the stream's next event in event time (one of these or an earlier one),
     * from what the latest earlier event already in the timeline said to what it says; every end-of-day row of
     * the movie and of the totals in that span moves by the sum of the changes covering it. Each state between
     * two events is then what the timeline says, whichever order the events arrived in.
     */
    static final String HISTORY_APPLY_EVENTS = """
            with event as (
                select * from unnest(?::text[], ?::bigint[], ?::int[], ?::timestamptz[], ?::numeric[])
                    as e(user_id, movie_id, stream_version, occurred_at, stars)),
            change as (
                select e.movie_id, e.stars, (e.occurred_at at time zone 'UTC')::date as day,
                       (select p.stars from {schema}.score_timeline p
                        where p.user_id = e.user_id and p.movie_id = e.movie_id
                          and (p.occurred_at, p.stream_version) < (e.occurred_at, e.stream_version)
                          and not exists (select 1 from event b where b.user_id = p.user_id and b.movie_id = p.movie_id
                                                                  and b.stream_version = p.stream_version)
                        order by p.occurred_at desc, p.stream_version desc limit 1) as before,
                       (select (n.occurred_at at time zone 'UTC')::date from {schema}.score_timeline n
                        where n.user_id = e.user_id and n.movie_id = e.movie_id
                          and (n.occurred_at, n.stream_version) > (e.occurred_at, e.stream_version)
                        order by n.occurred_at, n.stream_version limit 1) as next_day
                from event e),
            delta as (
                select movie_id, day, next_day,
                       (stars is not null)::int - (before is not null)::int as count,
                       coalesce(stars, 0) - coalesce(before, 0) as sum,
                       coalesce((stars = 0.5)::int, 0) - coalesce((before = 0.5)::int, 0) as h1,
                       coalesce((stars = 1.0)::int, 0) - coalesce((before = 1.0)::int, 0) as h2,
                       coalesce((stars = 1.5)::int, 0) - coalesce((before = 1.5)::int, 0) as h3,
                       coalesce((stars = 2.0)::int, 0) - coalesce((before = 2.0)::int, 0) as h4,
                       coalesce((stars = 2.5)::int, 0) - coalesce((before = 2.5)::int, 0) as h5,
                       coalesce((stars = 3.0)::int, 0) - coalesce((before = 3.0)::int, 0) as h6,
                       coalesce((stars = 3.5)::int, 0) - coalesce((before = 3.5)::int, 0) as h7,
                       coalesce((stars = 4.0)::int, 0) - coalesce((before = 4.0)::int, 0) as h8,
                       coalesce((stars = 4.5)::int, 0) - coalesce((before = 4.5)::int, 0) as h9,
                       coalesce((stars = 5.0)::int, 0) - coalesce((before = 5.0)::int, 0) as h10
                from change
                where stars is distinct from before),
            movie_rows as (
                update {schema}.movie_score_history h set
                    rating_count = h.rating_count + d.count,
                    stars_sum = h.stars_sum + d.sum,
                    histogram = array[
                    h.histogram[1] + d.h1,
                    h.histogram[2] + d.h2,
                    h.histogram[3] + d.h3,
                    h.histogram[4] + d.h4,
                    h.histogram[5] + d.h5,
                    h.histogram[6] + d.h6,
                    h.histogram[7] + d.h7,
                    h.histogram[8] + d.h8,
                    h.histogram[9] + d.h9,
                    h.histogram[10] + d.h10]
                from (select r.movie_id, r.day, sum(c.count) as count, sum(c.sum) as sum,
                        sum(c.h1) as h1, sum(c.h2) as h2, sum(c.h3) as h3, sum(c.h4) as h4, sum(c.h5) as h5,
                        sum(c.h6) as h6, sum(c.h7) as h7, sum(c.h8) as h8, sum(c.h9) as h9, sum(c.h10) as h10
                      from delta c
                      join {schema}.movie_score_history r
                        on r.movie_id = c.movie_id and r.day >= c.day and (c.next_day is null or r.day < c.next_day)
                      group by r.movie_id, r.day) d
                where h.movie_id = d.movie_id and h.day = d.day)
            update {schema}.rating_totals_history t set
                rating_count = t.rating_count + d.count,
                stars_sum = t.stars_sum + d.sum
            from (select r.day, sum(c.count) as count, sum(c.sum) as sum
                  from delta c
                  join {schema}.rating_totals_history r on r.day >= c.day and (c.next_day is null or r.day < c.next_day)
                  group by r.day) d
            where t.day = d.day""";

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
