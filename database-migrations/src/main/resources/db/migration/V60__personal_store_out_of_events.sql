-- Personal content moves out of the events (issue 16, item 6; docs/security.md, "Erasure and export").
-- Review text and display names live in schema personal, which erasure deletes from; events carry
-- neither, so erasing a person never changes an event. Only the command function writes here and only
-- the query function reads (grants at the end).
create schema personal;

-- The text of a stream's current review, under the stream key and the version of the RatingSubmitted
-- event that wrote it (the event carries only the spoiler flag). One row per stream: a newer event of
-- the stream replaces or removes it, so a superseded or withdrawn text is not kept.
create table personal.review_texts (
    user_id        text   not null,
    movie_id       bigint not null,
    stream_version int    not null,
    text           text   not null,
    primary key (user_id, movie_id)
);

-- The name a person chose to show with their reviews (PUT /api/me/profile). skeleton is the name's
-- UTS #39 confusable skeleton, folded_skeleton the same with case ignored (DisplayName): both unique, so
-- no two people's names can be mistaken for each other.
create table personal.profiles (
    user_id         text        primary key,
    display_name    text        not null,
    skeleton        text        not null constraint profiles_skeleton_unique unique,
    folded_skeleton text        not null constraint profiles_folded_skeleton_unique unique,
    updated_at      timestamptz not null
);

-- Existing reviews: the text of each stream's latest event, when that is a review, moves to the store.
insert into personal.review_texts (user_id, movie_id, stream_version, text)
select user_id, movie_id, stream_version, text
from (select distinct on (user_id, movie_id) user_id, movie_id, stream_version,
             case when event_type = 'RatingSubmitted' then payload -> 'review' ->> 'text' end as text
      from rating_events
      order by user_id, movie_id, stream_version desc) latest
where text is not null;

-- The one change to existing events the append-only rule allows, made once, here, by the owner: the
-- RatingSubmitted events of schema version 1 that carried a review lose its text and become version 2
-- (only the text goes; every other field, the position and the event id stay). Afterwards no event
-- holds personal text, and the trigger is back on before this migration commits. Copies of version 1
-- outside the table (queues, the bus archive) are upcast by the readers, which drop the text.
alter table rating_events disable trigger rating_events_append_only;
update rating_events
set payload = jsonb_set(payload #- '{review,text}', '{schemaVersion}', '2'),
    schema_version = 2
where event_type = 'RatingSubmitted' and schema_version = 1 and payload -> 'review' ? 'text';
alter table rating_events enable trigger rating_events_append_only;

-- Display names were copied from the token's name claim; a person now chooses one (personal.profiles).
alter table users drop column display_name;

-- The projections keep no text: a review is there when review_spoiler is not null, and the queries read
-- its text from personal.review_texts. The analytics views say has_review from the same column.
create or replace function analytics.create_views() returns void language plpgsql as $fn$
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
               count(*) filter (where r.review_spoiler is not null)         as reviews_last_changed,
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
               r.review_spoiler is not null as has_review,
               r.rated_since,
               r.updated_at
        from projection.user_ratings r
        where r.stars is not null
    $v$;
    execute 'grant usage on schema analytics to movie_ratings_analyst';
    execute 'grant select on all tables in schema analytics to movie_ratings_analyst';
end
$fn$;

select analytics.create_views();

drop index projection.user_ratings_reviews_by_movie;
alter table projection.user_ratings drop column review_text;
create index user_ratings_reviews_by_movie on projection.user_ratings (movie_id, updated_at desc, user_id)
    where review_spoiler is not null;

-- Once the per-function roles exist (migrations V20/V21): the command function reads and writes the
-- personal store (and erases from it), the query function reads it, ops (verify) reads the review texts'
-- keys only, never a text; no other role touches it.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'movie_ratings_command') then
        grant usage on schema personal to movie_ratings_command;
        grant select, insert, update, delete on personal.review_texts, personal.profiles to movie_ratings_command;
        grant delete on users to movie_ratings_command;
    end if;
    if exists (select 1 from pg_roles where rolname = 'movie_ratings_query') then
        grant usage on schema personal to movie_ratings_query;
        grant select on personal.review_texts, personal.profiles to movie_ratings_query;
        -- names are no longer in users: the query function has nothing to read there
        revoke select on users from movie_ratings_query;
    end if;
    if exists (select 1 from pg_roles where rolname = 'movie_ratings_ops') then
        grant usage on schema personal to movie_ratings_ops;
        grant select (user_id, movie_id, stream_version) on personal.review_texts to movie_ratings_ops;
    end if;
end
$$;
