-- Analytics: documented, stable views over the projections (docs/analytics.md), for a read-only role.
-- The views are (re)created by a function, because a projection rebuild swaps in new tables and the
-- views must then be bound to those: the rebuild calls analytics.create_views() in its swap.
create schema analytics;

create function analytics.create_views() returns void language plpgsql as $fn$
begin
    execute $v$
        create or replace view analytics.movie_scores as
        select m.movie_id,
               m.title,
               m.release_year,
               m.genres,
               s.rating_count,
               s.stars_sum,
               s.average_rating,
               case when s.rating_count > 0 then round(
                   (s.rating_count::numeric / (s.rating_count + 50)) * (s.stars_sum / s.rating_count)
                 + (50::numeric / (s.rating_count + 50)) * (select case when t.rating_count > 0 then t.stars_sum / t.rating_count end
                                                           from projection.rating_totals t), 4) end as weighted_rating,
               s.review_count,
               s.last_rated_at
        from movies m
        join projection.movie_scores s on s.movie_id = m.movie_id
        where s.rating_count > 0
    $v$;
    execute $v$
        create or replace view analytics.rating_distribution as
        select s.movie_id,
               (h.bucket * 0.5)::numeric(2, 1) as stars,
               h.ratings
        from projection.movie_scores s,
             unnest(s.histogram) with ordinality as h(ratings, bucket)
        where s.rating_count > 0
    $v$;
    execute $v$
        create or replace view analytics.genre_statistics as
        select g.genre,
               count(*) filter (where s.rating_count > 0)                      as rated_movies,
               coalesce(sum(s.rating_count), 0)                                as ratings,
               round(sum(s.stars_sum) / nullif(sum(s.rating_count), 0), 4)     as average_rating,
               coalesce(sum(s.review_count), 0)                                as reviews
        from movies m
        cross join lateral unnest(m.genres) as g(genre)
        left join projection.movie_scores s on s.movie_id = m.movie_id
        group by g.genre
    $v$;
    execute $v$
        create or replace view analytics.daily_rating_activity as
        select (r.updated_at at time zone 'UTC')::date as day,
               count(*) filter (where r.stars is not null)                  as current_ratings_last_changed,
               count(*) filter (where r.review_text is not null)            as reviews_last_changed,
               count(distinct r.user_id)                                     as users
        from projection.user_ratings r
        group by 1
    $v$;
    execute $v$
        create or replace view analytics.movie_review_counts as
        select s.movie_id, m.title, s.review_count
        from projection.movie_scores s
        join movies m on m.movie_id = s.movie_id
    $v$;
    execute $v$
        create or replace view analytics.user_ratings as
        select r.user_id as pseudonymous_user_id,
               r.movie_id,
               r.stars,
               r.review_text is not null as has_review,
               r.rated_since,
               r.updated_at
        from projection.user_ratings r
        where r.stars is not null
    $v$;
    execute 'grant usage on schema analytics to movie_ratings_analyst';
    execute 'grant select on all tables in schema analytics to movie_ratings_analyst';
end
$fn$;

-- The analysts' role: reads analytics.* and nothing else. LOGIN and its password are set from
-- configuration by the migration command (ANALYST_PASSWORD), never stored here.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'movie_ratings_analyst') then
        create role movie_ratings_analyst nologin;
    end if;
end
$$;

revoke all on schema public from movie_ratings_analyst;
revoke all on all tables in schema public from movie_ratings_analyst;
grant usage on schema analytics to movie_ratings_analyst;
-- views run with their owner's rights, so the analyst needs no grant on the tables behind them
select analytics.create_views();

-- Ops: why the projector could not apply an event (the dead-letter queue keeps only the message).
create schema ops;

create table ops.projection_failures (
    subject         text primary key, -- the event id, or 'message:<id>' when the body held no readable event
    event_id        uuid,
    message_id      text,
    error           text        not null,
    failures        int         not null default 1,
    first_failed_at timestamptz not null default now(),
    last_failed_at  timestamptz not null default now(),
    resolved_at     timestamptz
);
