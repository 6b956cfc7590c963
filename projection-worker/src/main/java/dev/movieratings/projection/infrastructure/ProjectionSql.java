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

    static final String WRITE_CHANGES = """
            with streams as (
                insert into {schema}.user_ratings as r (user_id, movie_id, stream_version, stars, review_text,
                                                       review_spoiler, rated_since, updated_at)
                select * from unnest(?::text[], ?::bigint[], ?::int[], ?::numeric[], ?::text[], ?::boolean[],
                                     ?::timestamptz[], ?::timestamptz[])
                on conflict (user_id, movie_id) do update set
                    stream_version = excluded.stream_version, stars = excluded.stars,
                    review_text = excluded.review_text, review_spoiler = excluded.review_spoiler,
                    rated_since = excluded.rated_since, updated_at = excluded.updated_at),
            totals as (
                update {schema}.rating_totals set rating_count = rating_count + ?, stars_sum = stars_sum + ?
                where ? <> 0 or ? <> 0)
            update {schema}.movie_scores s set
                rating_count = s.rating_count + d.count,
                stars_sum = s.stars_sum + d.sum,
                histogram = (select array_agg(a + b order by i)
                             from unnest(s.histogram, d.histogram::bigint[]) with ordinality as h(a, b, i)),
                review_count = s.review_count + d.reviews,
                last_rated_at = greatest(s.last_rated_at, d.rated_at)
            from unnest(?::bigint[], ?::bigint[], ?::numeric[], ?::text[], ?::bigint[], ?::timestamptz[])
                as d(movie_id, count, sum, histogram, reviews, rated_at)
            where s.movie_id = d.movie_id""";

    /** A movie already marked counts one more mark, so a refresh running meanwhile keeps it marked: see V81. */
    static final String MARK_SIMILARITY_STALE = """
            insert into {schema}.similarity_stale as s (movie_id)
            select m from unnest(?::bigint[]) as m order by m
            on conflict (movie_id) do update set marks = s.marks + 1, marked_at = now()""";

    /**
     * Score history, first step for one event (user, movie, version, occurred at, stars or null): records it in
     * the event-time timeline and makes sure its movie and the totals have a row for its UTC day, a copy of the
     * latest earlier row (no event of the movie occurred that day yet, so nothing changed since). Answers
     * whether the event was new to the timeline: a known one changes nothing.
     */
    static final String HISTORY_ADD_EVENT = """
            with event as (
                select ?::text as user_id, ?::bigint as movie_id, ?::int as stream_version,
                       ?::timestamptz as occurred_at, ?::numeric as stars),
            added as (
                insert into {schema}.score_timeline (user_id, movie_id, stream_version, occurred_at, stars)
                select * from event
                on conflict do nothing
                returning movie_id, (occurred_at at time zone 'UTC')::date as day),
            movie_day as (
                insert into {schema}.movie_score_history (movie_id, day, rating_count, stars_sum, histogram)
                select a.movie_id, a.day, coalesce(b.rating_count, 0), coalesce(b.stars_sum, 0),
                       coalesce(b.histogram, '{0,0,0,0,0,0,0,0,0,0}')
                from added a
                left join lateral (select * from {schema}.movie_score_history h
                                   where h.movie_id = a.movie_id and h.day < a.day
                                   order by h.day desc limit 1) b on true
                on conflict do nothing),
            totals_day as (
                insert into {schema}.rating_totals_history (day, rating_count, stars_sum)
                select a.day, coalesce(b.rating_count, 0), coalesce(b.stars_sum, 0)
                from added a
                left join lateral (select * from {schema}.rating_totals_history h
                                   where h.day < a.day order by h.day desc limit 1) b on true
                on conflict do nothing)
            select count(*) from added""";

    /**
     * Score history, second step for an event the first one added: its stream's state from the event's instant
     * up to the stream's next event in event time changes from what the previous event said to what this one
     * says, so every end-of-day row of the movie in that span moves by the difference. Which order events arrive
     * in does not matter: each insertion makes the rows match the timeline it leaves behind. Parameters: user,
     * movie, version, occurred at, stars (or null). Answers the change (day, next day or null, count, sum), which
     * the totals' rows take in the same order.
     */
    static final String HISTORY_APPLY_EVENT = """
            with event as (
                select ?::text as user_id, ?::bigint as movie_id, ?::int as stream_version,
                       ?::timestamptz as occurred_at, ?::numeric as stars),
            span as (
                select e.*, (e.occurred_at at time zone 'UTC')::date as day,
                       (select p.stars from {schema}.score_timeline p
                        where p.user_id = e.user_id and p.movie_id = e.movie_id
                          and (p.occurred_at, p.stream_version) < (e.occurred_at, e.stream_version)
                        order by p.occurred_at desc, p.stream_version desc limit 1) as before,
                       (select (n.occurred_at at time zone 'UTC')::date from {schema}.score_timeline n
                        where n.user_id = e.user_id and n.movie_id = e.movie_id
                          and (n.occurred_at, n.stream_version) > (e.occurred_at, e.stream_version)
                        order by n.occurred_at, n.stream_version limit 1) as next_day
                from event e),
            change as (
                select movie_id, day, next_day,
                       (stars is not null)::int - (before is not null)::int as count,
                       coalesce(stars, 0) - coalesce(before, 0) as sum,
                       array(select coalesce(stars * 2 = b, false)::int - coalesce(before * 2 = b, false)::int
                             from generate_series(1, 10) as b order by b) as histogram
                from span),
            movie_rows as (
                update {schema}.movie_score_history h set
                    rating_count = h.rating_count + c.count,
                    stars_sum = h.stars_sum + c.sum,
                    histogram = (select array_agg(a + d order by i)
                                 from unnest(h.histogram, c.histogram) with ordinality as x(a, d, i))
                from change c
                where (c.count <> 0 or c.sum <> 0)
                  and h.movie_id = c.movie_id and h.day >= c.day and (c.next_day is null or h.day < c.next_day))
            select day, next_day, count, sum from change""";

    /** Score history, the totals' rows: one event's change (day, next day or null, count, sum) as the movie took it. */
    static final String HISTORY_APPLY_TOTALS = """
            update {schema}.rating_totals_history set
                rating_count = rating_count + ?::bigint,
                stars_sum = stars_sum + ?::numeric
            where day >= ?::date and (?::date is null or day < ?::date)""";

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
