package dev.movieratings.projection.maintenance.infrastructure;

/**
 * The rebuild's set-based fold, in SQL: the projector's math over every stream at once (see
 * {@link ShadowLoad}). The ten histogram buckets are the half stars 0.5 … 5.0 ({@code h1} … {@code h10}).
 */
final class ShadowLoadSql {

    static final String CREATE_MOVIE_PARTS = """
            create unlogged table projection_rebuild.movie_parts (
                movie_id bigint not null, rating_count bigint not null, stars_sum numeric not null,
                h1 bigint not null, h2 bigint not null, h3 bigint not null, h4 bigint not null, h5 bigint not null,
                h6 bigint not null, h7 bigint not null, h8 bigint not null, h9 bigint not null, h10 bigint not null,
                review_count bigint not null, last_rated_at timestamptz)""";

    /**
     * The rating streams of one part of the users, folded, and their events in the score history's timeline
     * (the watchlist streams are {@link WatchlistRebuildSql}'s): parameters are the submitted type and its highest
     * schema version, the retracted type and its highest schema version, the erased type and its highest
     * schema version (an erasure ends a stream as a retraction does), the highest position, the number of
     * parts and this part, and the three diary types (the diary's own load takes them; they move no score).
     * Events in {@code excluded} are left out, of the timeline too (a one-projection rebuild folds only what the
     * live projections hold). An event the fold could not read stops the rebuild, as the fold would;
     * {@code offset 0} extracts the fields before the sort, so it sorts narrow rows, not payloads.
     */
    static final String LOAD_PART = """
            with events as (
                select e.user_id collate "C" as user_id, e.movie_id, e.stream_version, e.position, e.occurred_at,
                       case when e.event_type = ? and e.schema_version between 1 and ? then true
                            when e.event_type = ? and e.schema_version between 1 and ? then false
                            when e.event_type = ? and e.schema_version between 1 and ? then false
                            else ('event at position ' || e.position || ' has unknown type ' || e.event_type
                                  || ' or schema version ' || e.schema_version)::boolean end as submitted,
                       (e.payload ->> 'stars')::numeric as stars,
                       (e.payload -> 'review' ->> 'spoiler')::boolean as review_spoiler,
                       (e.payload ->> 'ratedSince')::timestamptz as rated_since
                from rating_events e
                where e.position <= ? and (hashtext(e.user_id) & 2147483647) % ? = ? and e.stream = 'rating'
                  and not exists (select 1 from projection_rebuild.excluded x where x.position = e.position)
                  and not (e.event_type in (?, ?, ?) and e.schema_version = 1)
                offset 0),
            -- the score history's event-time timeline from the same read of the events (one scan of the event table
            -- and its payloads for both, in parallel parts), every event of the part as it is
            timeline as (
                insert into projection_rebuild.score_timeline (user_id, movie_id, stream_version, occurred_at, stars)
                select user_id, movie_id, stream_version, occurred_at, case when submitted then stars end
                from events),
            versions as (
                select ev.*, min(ev.position) over (partition by ev.user_id, ev.movie_id
                                                    order by ev.stream_version desc
                                                    rows between unbounded preceding and 1 preceding)
                             as first_newer_position
                from events ev),
            streams as materialized (
                select user_id, movie_id, max(stream_version) as stream_version, count(*) as events,
                       max(stars) filter (where first_newer_position is null and submitted) as stars,
                       bool_or(review_spoiler) filter (where first_newer_position is null and submitted)
                           as review_spoiler,
                       max(rated_since) filter (where first_newer_position is null and submitted) as rated_since,
                       max(occurred_at) filter (where first_newer_position is null) as updated_at,
                       max(occurred_at) filter (where first_newer_position is null
                                                      or position < first_newer_position) as last_applied_at
                from versions group by user_id, movie_id),
            ratings as (
                insert into projection_rebuild.user_ratings (user_id, movie_id, stream_version, stars, review_spoiler,
                                                            rated_since, updated_at)
                select user_id, movie_id, stream_version, stars, review_spoiler, rated_since, updated_at
                from streams
                returning 1),
            scores as (
                insert into projection_rebuild.movie_parts
                select movie_id, count(stars), coalesce(sum(stars), 0),
                       count(*) filter (where stars = 0.5), count(*) filter (where stars = 1.0),
                       count(*) filter (where stars = 1.5), count(*) filter (where stars = 2.0),
                       count(*) filter (where stars = 2.5), count(*) filter (where stars = 3.0),
                       count(*) filter (where stars = 3.5), count(*) filter (where stars = 4.0),
                       count(*) filter (where stars = 4.5), count(*) filter (where stars = 5.0),
                       count(review_spoiler) filter (where stars is not null), max(last_applied_at)
                from streams group by movie_id
                returning 1)
            select (select coalesce(sum(events), 0) from streams), (select count(*) from ratings),
                   (select count(*) from scores)""";

    static final String SUM_MOVIE_PARTS = """
            insert into projection_rebuild.movie_scores (movie_id, rating_count, stars_sum, histogram, review_count,
                                                        last_rated_at, weighted)
            select p.*, case when p.rating_count > 0
                   then (p.stars_sum + t.list_min_votes * t.list_mean) / (p.rating_count + t.list_min_votes) end
            from (select movie_id, sum(rating_count) as rating_count, sum(stars_sum) as stars_sum,
                         array[sum(h1), sum(h2), sum(h3), sum(h4), sum(h5), sum(h6), sum(h7), sum(h8), sum(h9),
                               sum(h10)]::bigint[],
                         sum(review_count), max(last_rated_at)
                  from projection_rebuild.movie_parts
                  group by movie_id) p,
                 projection_rebuild.rating_totals t""";

    static final String DROP_MOVIE_PARTS = "drop table projection_rebuild.movie_parts";

    static final String TOTALS = """
            insert into projection_rebuild.rating_totals (singleton, rating_count, stars_sum, list_mean, list_min_votes)
            select true, coalesce(sum(rating_count), 0), coalesce(sum(stars_sum), 0),
                   case when sum(rating_count) > 0 then sum(stars_sum) / sum(rating_count) else 0 end, ?
            from projection_rebuild.movie_parts""";

    /**
     * Each movie's end-of-day rows from the timeline, computed another way than the projector does: every
     * event adds its stars and takes away those of the stream's previous event in event time; a day's row is
     * the running total of those steps up to and including that day.
     */
    static final String MOVIE_HISTORY = """
            insert into projection_rebuild.movie_score_history (movie_id, day, rating_count, stars_sum, histogram)
            with steps as (
                select movie_id, (occurred_at at time zone 'UTC')::date as day, stars,
                       lag(stars) over (partition by user_id, movie_id order by occurred_at, stream_version) as before
                from projection_rebuild.score_timeline),
            daily as (
                select movie_id, day,
                       sum((stars is not null)::int - (before is not null)::int) as count,
                       sum(coalesce(stars, 0) - coalesce(before, 0)) as sum,
                   sum(coalesce((stars = 0.5)::int, 0) - coalesce((before = 0.5)::int, 0)) as h1,
                   sum(coalesce((stars = 1.0)::int, 0) - coalesce((before = 1.0)::int, 0)) as h2,
                   sum(coalesce((stars = 1.5)::int, 0) - coalesce((before = 1.5)::int, 0)) as h3,
                   sum(coalesce((stars = 2.0)::int, 0) - coalesce((before = 2.0)::int, 0)) as h4,
                   sum(coalesce((stars = 2.5)::int, 0) - coalesce((before = 2.5)::int, 0)) as h5,
                   sum(coalesce((stars = 3.0)::int, 0) - coalesce((before = 3.0)::int, 0)) as h6,
                   sum(coalesce((stars = 3.5)::int, 0) - coalesce((before = 3.5)::int, 0)) as h7,
                   sum(coalesce((stars = 4.0)::int, 0) - coalesce((before = 4.0)::int, 0)) as h8,
                   sum(coalesce((stars = 4.5)::int, 0) - coalesce((before = 4.5)::int, 0)) as h9,
                   sum(coalesce((stars = 5.0)::int, 0) - coalesce((before = 5.0)::int, 0)) as h10
                from steps group by movie_id, day)
            select movie_id, day, sum(count) over m, sum(sum) over m,
                   array[sum(h1) over m, sum(h2) over m, sum(h3) over m, sum(h4) over m, sum(h5) over m,
                         sum(h6) over m, sum(h7) over m, sum(h8) over m, sum(h9) over m, sum(h10) over m]::bigint[]
            from daily
            window m as (partition by movie_id order by day)""";

    /** The totals' end-of-day rows: the same steps summed over every movie. */
    static final String TOTALS_HISTORY = """
            insert into projection_rebuild.rating_totals_history (day, rating_count, stars_sum)
            with steps as (
                select (occurred_at at time zone 'UTC')::date as day, stars,
                       lag(stars) over (partition by user_id, movie_id order by occurred_at, stream_version) as before
                from projection_rebuild.score_timeline),
            daily as (
                select day, sum((stars is not null)::int - (before is not null)::int) as count,
                       sum(coalesce(stars, 0) - coalesce(before, 0)) as sum
                from steps group by day)
            select day, sum(count) over (order by day), sum(sum) over (order by day)
            from daily""";

    /**
     * The diary's erasure marks: each stream's latest erasure up to a position. Parameters: the erased type and
     * the highest position.
     */
    static final String DIARY_ERASURES = """
            insert into projection_rebuild.diary_erasures (user_id, movie_id, stream_version)
            select user_id, movie_id, max(stream_version)
            from rating_events e
            where e.event_type = ? and e.position <= ?
              and not exists (select 1 from projection_rebuild.excluded x where x.position = e.position)
            group by user_id, movie_id""";

    /**
     * The diary's entries: each entry's event with the highest version, unless an erasure of its stream is newer.
     * Parameters: the deleted, logged and edited types, the three diary types again and the highest position.
     */
    static final String DIARY_ENTRIES = """
            insert into projection_rebuild.diary_entries (entry_id, user_id, movie_id, stream_version, watched_on,
                                                          rewatch, stars, logged_at, updated_at)
            select l.* from (
                select distinct on ((e.payload ->> 'entryId')::uuid)
                       (e.payload ->> 'entryId')::uuid as entry_id, e.user_id, e.movie_id, e.stream_version,
                       case when e.event_type <> ? then (e.payload ->> 'watchedOn')::date end as watched_on,
                       coalesce((e.payload ->> 'rewatch')::boolean, false) as rewatch,
                       (e.payload ->> 'stars')::numeric as stars,
                       case e.event_type when ? then e.occurred_at
                                         when ? then (e.payload ->> 'loggedAt')::timestamptz end as logged_at,
                       e.occurred_at as updated_at
                from rating_events e
                where e.event_type in (?, ?, ?) and e.position <= ?
                  and not exists (select 1 from projection_rebuild.excluded x where x.position = e.position)
                order by (e.payload ->> 'entryId')::uuid, e.stream_version desc) l
            where not exists (select 1 from projection_rebuild.diary_erasures x
                              where x.user_id = l.user_id and x.movie_id = l.movie_id
                                and x.stream_version > l.stream_version)""";

    static final String WATERMARK = "insert into projection_rebuild.watermark (singleton, position) values (true, ?)";

    /** The live tables' indexes and the constraints they back, largest table first. */
    static final String LIVE_INDEXES = """
            select t.relname, i.relname, pg_get_indexdef(x.indexrelid), c.conname, c.contype
            from pg_index x
            join pg_class i on i.oid = x.indexrelid
            join pg_class t on t.oid = x.indrelid
            join pg_namespace n on n.oid = t.relnamespace
            left join pg_constraint c on c.conindid = x.indexrelid and c.contype in ('p', 'u')
            where n.nspname = ? and t.relname = any(?)
            order by pg_relation_size(format('%I.%I', ?::text, t.relname)) desc, t.relname, i.relname""";

    private ShadowLoadSql() {}
}
