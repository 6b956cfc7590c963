-- Analytics views (issue 19 item 5), one function per feature, each view and column described for the tools that
-- read the catalog (Metabase, dbt, psql's \d+).
-- A rebuild drops the live projection tables with their views (cascade) and then runs analytics.create_views(), so
-- the comments are made there too: a COMMENT ON after the migration would be gone after the first rebuild.
-- As with projection.grant_access() (V107), a feature adds analytics.create_views_<feature>() instead of
-- redefining create_views() whole; only functions of create_views()'s own owner are run.
-- The weighted rating now takes m from projection.rating_totals.list_min_votes: the basis the projector stores the
-- lists' scores with, which it keeps equal to the query function's WEIGHTED_RATING_MIN_VOTES (Terraform gives both,
-- and ops, the one variable); C is the exact mean of all current ratings, as on the movie page. V2 hard-coded m = 50.

create function analytics.create_views_ratings() returns void
    language plpgsql
    set search_path = public, pg_temp
as $fn$
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
               round((s.stars_sum + b.m * b.c) / (s.rating_count + b.m), 4) as weighted_rating,
               s.review_count,
               s.last_rated_at
        from movies m
        join projection.movie_scores s on s.movie_id = m.movie_id
        cross join (select t.list_min_votes as m, t.stars_sum / nullif(t.rating_count, 0) as c
                    from projection.rating_totals t) b
        where s.rating_count > 0
    $v$;
    comment on view analytics.movie_scores is
        'One row per movie with at least one current rating: its score as the movie page shows it.';
    comment on column analytics.movie_scores.movie_id is 'MovieLens / catalog id';
    comment on column analytics.movie_scores.title is
        'Title as MovieLens writes it, without the year (moved articles: "Shawshank Redemption, The")';
    comment on column analytics.movie_scores.release_year is 'Year from the title; null when unknown';
    comment on column analytics.movie_scores.genres is 'MovieLens genres';
    comment on column analytics.movie_scores.rating_count is 'Current ratings (one per user)';
    comment on column analytics.movie_scores.stars_sum is 'Exact sum of the current ratings, in stars';
    comment on column analytics.movie_scores.average_rating is 'stars_sum / rating_count';
    comment on column analytics.movie_scores.weighted_rating is
        'IMDb weighted rating (stars_sum + m*C) / (rating_count + m), 4 decimals: m is the API''s'
        ' WEIGHTED_RATING_MIN_VOTES, C the mean of all current ratings';
    comment on column analytics.movie_scores.review_count is 'Current ratings that carry a review';
    comment on column analytics.movie_scores.last_rated_at is 'Latest rating activity on the movie (UTC)';

    execute $v$
        create or replace view analytics.rating_distribution as
        select s.movie_id,
               (h.bucket * 0.5)::numeric(2, 1) as stars,
               h.ratings
        from projection.movie_scores s,
             unnest(s.histogram) with ordinality as h(ratings, bucket)
        where s.rating_count > 0
    $v$;
    comment on view analytics.rating_distribution is
        'The half-star histogram: one row per rated movie and star value, zero counts included.';
    comment on column analytics.rating_distribution.movie_id is 'Catalog id';
    comment on column analytics.rating_distribution.stars is '0.5 to 5.0';
    comment on column analytics.rating_distribution.ratings is 'Current ratings with exactly that many stars';

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
    comment on view analytics.genre_statistics is 'One row per genre; a movie counts in each of its genres.';
    comment on column analytics.genre_statistics.genre is 'MovieLens genre';
    comment on column analytics.genre_statistics.rated_movies is 'Movies of the genre with at least one rating';
    comment on column analytics.genre_statistics.ratings is 'Current ratings of the genre''s movies';
    comment on column analytics.genre_statistics.average_rating is 'Mean of those ratings, 4 decimals';
    comment on column analytics.genre_statistics.reviews is 'Reviews on the genre''s movies';

    execute $v$
        create or replace view analytics.daily_rating_activity as
        select (r.updated_at at time zone 'UTC')::date as day,
               count(*) filter (where r.stars is not null)                  as current_ratings_last_changed,
               count(*) filter (where r.review_spoiler is not null)         as reviews_last_changed,
               count(distinct r.user_id)                                     as users
        from projection.user_ratings r
        group by 1
    $v$;
    comment on view analytics.daily_rating_activity is
        'One row per UTC day on which ratings were last changed (each rating''s latest state only).';
    comment on column analytics.daily_rating_activity.day is 'UTC date of the rating''s latest change';
    comment on column analytics.daily_rating_activity.current_ratings_last_changed is
        'Current ratings whose latest change fell on that day';
    comment on column analytics.daily_rating_activity.reviews_last_changed is 'Of those, ratings with a review';
    comment on column analytics.daily_rating_activity.users is 'Distinct users among them';

    execute $v$
        create or replace view analytics.movie_review_counts as
        select s.movie_id, m.title, s.review_count
        from projection.movie_scores s
        join movies m on m.movie_id = s.movie_id
    $v$;
    comment on view analytics.movie_review_counts is 'Reviews per movie.';
    comment on column analytics.movie_review_counts.movie_id is 'Catalog id';
    comment on column analytics.movie_review_counts.title is 'Title as MovieLens writes it';
    comment on column analytics.movie_review_counts.review_count is 'Current reviews';

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
    comment on view analytics.user_ratings is 'Current ratings, by pseudonymous user id; no review text.';
    comment on column analytics.user_ratings.pseudonymous_user_id is
        'The identity provider''s subject (a UUID on AWS, ml-<n> for MovieLens users); no name';
    comment on column analytics.user_ratings.movie_id is 'Catalog id';
    comment on column analytics.user_ratings.stars is '0.5 to 5.0';
    comment on column analytics.user_ratings.has_review is 'Whether a review goes with it (its text is not exposed)';
    comment on column analytics.user_ratings.rated_since is
        'When the user''s current run of ratings of this movie began';
    comment on column analytics.user_ratings.updated_at is 'The rating''s latest change (UTC)';
end
$fn$;

-- Score history and similar movies (V80, V81).
create function analytics.create_views_discovery() returns void
    language plpgsql
    set search_path = public, pg_temp
as $fn$
begin
    execute $v$
        create or replace view analytics.movie_score_history as
        select h.movie_id,
               h.day,
               h.rating_count,
               round(h.stars_sum / nullif(h.rating_count, 0), 4) as average_rating,
               round((h.stars_sum + b.m * c.mean) / nullif(h.rating_count + b.m, 0), 4) as weighted_rating,
               h.histogram
        from projection.movie_score_history h
        cross join (select t.list_min_votes as m from projection.rating_totals t) b
        left join lateral (
            select t.stars_sum / nullif(t.rating_count, 0) as mean
            from projection.rating_totals_history t
            where t.day <= h.day
            order by t.day desc
            limit 1) c on true
    $v$;
    comment on view analytics.movie_score_history is
        'A movie''s score at the end of each UTC day on which its ratings changed (later changes and retractions'
        ' applied in event time order): the API''s /history points and ?asOf= reads.';
    comment on column analytics.movie_score_history.movie_id is 'Catalog id';
    comment on column analytics.movie_score_history.day is 'UTC day; the values hold at its end';
    comment on column analytics.movie_score_history.rating_count is 'Ratings current at the end of the day';
    comment on column analytics.movie_score_history.average_rating is 'Their mean, 4 decimals; null when none';
    comment on column analytics.movie_score_history.weighted_rating is
        'Weighted rating at the end of the day: today''s m, C as of that day (mean of all ratings current then)';
    comment on column analytics.movie_score_history.histogram is
        'Ratings per half star at the end of the day, index 1 = 0.5 stars to index 10 = 5.0';

    execute $v$
        create or replace view analytics.similar_movies as
        select s.movie_id,
               m.title,
               s.similar_id,
               o.title as similar_title,
               s.co_likes,
               s.movie_likes,
               s.similar_likes,
               s.similarity
        from projection.similar_movies s
        join movies m on m.movie_id = s.movie_id
        join movies o on o.movie_id = s.similar_id
    $v$;
    comment on view analytics.similar_movies is
        'Pairs of movies liked (rated 4.0 or more) by the same people, both directions, from 5 common likers:'
        ' "More like this". Refreshed with bounded staleness, not on every rating.';
    comment on column analytics.similar_movies.movie_id is 'Catalog id of the movie';
    comment on column analytics.similar_movies.title is 'Its title as MovieLens writes it';
    comment on column analytics.similar_movies.similar_id is 'Catalog id of the similar movie';
    comment on column analytics.similar_movies.similar_title is 'Its title as MovieLens writes it';
    comment on column analytics.similar_movies.co_likes is 'People who like both';
    comment on column analytics.similar_movies.movie_likes is 'People who like the movie';
    comment on column analytics.similar_movies.similar_likes is 'People who like the similar movie';
    comment on column analytics.similar_movies.similarity is 'co_likes / sqrt(movie_likes * similar_likes), 0 to 1';
end
$fn$;

create or replace function analytics.create_views() returns void
    language plpgsql
    set search_path = public, pg_temp
as $fn$
declare
    feature regprocedure;
begin
    for feature in
        select views.oid::regprocedure
        from pg_proc views
        where views.pronamespace = 'analytics'::regnamespace
          and views.proname like 'create\_views\_%'
          and views.pronargs = 0
          and views.proowner = (select proowner from pg_proc where oid = 'analytics.create_views()'::regprocedure)
        order by views.proname
    loop
        execute format('select %s', feature);
    end loop;
    comment on schema analytics is
        'Read-only views over the projections for analysts (docs/analytics.md); users appear by pseudonymous id only.';
    execute 'grant usage on schema analytics to movie_ratings_analyst';
    execute 'grant select on all tables in schema analytics to movie_ratings_analyst';
end
$fn$;

revoke all on function analytics.create_views_ratings() from public;
revoke all on function analytics.create_views_discovery() from public;
revoke all on function analytics.create_views() from public;

-- the existing weighted_rating keeps its name and type; create or replace keeps the views' other dependants
select analytics.create_views();
