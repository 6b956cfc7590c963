-- The projection tables' grants, one function per feature. Until now every migration that added a projection
-- table redefined projection.grant_access() whole, with every earlier grant copied in; two features built side by
-- side then each dropped the other's grants (the later version wins). From here on a feature adds its own
-- projection.grant_access_<feature>() and calls it once; projection.grant_access(), which a rebuild runs after
-- every swap, calls each of them. Only functions owned by grant_access()'s own owner are called, so a function
-- someone else managed to create in schema projection never runs with the owner's rights.
-- The grants themselves are V82's and V95's, unchanged, split by the feature that needs them.

--   projector: applies ratings to the per-user rows, the scores, the totals and the watermark, and records
--              which events it applied;
--   query:     reads them; relay: reads the watermark's position;
--   ops:       verifies and rebuilds them (MAINTAIN to lock them for the swap), resets the watermark.
create function projection.grant_access_ratings() returns void
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    grant select, insert, update on projection.user_ratings, projection.movie_scores to movie_ratings_projector;
    grant select, update on projection.rating_totals, projection.watermark to movie_ratings_projector;
    grant select, insert on projection.applied_events to movie_ratings_projector;
    grant select on projection.user_ratings, projection.movie_scores, projection.rating_totals,
        projection.watermark to movie_ratings_query;
    grant select (position) on projection.watermark to movie_ratings_relay;
    grant select, maintain on projection.user_ratings, projection.movie_scores, projection.rating_totals,
        projection.applied_events, projection.watermark to movie_ratings_ops;
    grant update (position) on projection.watermark to movie_ratings_ops;
end
$$;

-- Score history and similar movies (V80, V81): as V82 explains.
create function projection.grant_access_discovery() returns void
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    grant select, insert on projection.score_timeline to movie_ratings_projector;
    grant select, insert, update on projection.movie_score_history, projection.rating_totals_history,
        projection.similarity_stale to movie_ratings_projector;
    grant select on projection.movie_score_history, projection.rating_totals_history, projection.similar_movies,
        projection.similarity_stale to movie_ratings_query;
    grant select, maintain on projection.score_timeline, projection.movie_score_history,
        projection.rating_totals_history, projection.similar_movies, projection.similarity_stale
        to movie_ratings_ops;
    grant insert, delete on projection.similar_movies to movie_ratings_ops;
    grant delete on projection.similarity_stale to movie_ratings_ops;
end
$$;

-- The diary (V95): as V95 explains.
create function projection.grant_access_diary() returns void
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    grant select, insert, update, delete on projection.diary_entries to movie_ratings_projector;
    grant select, insert, update on projection.diary_erasures to movie_ratings_projector;
    grant select on projection.diary_entries to movie_ratings_query;
    grant select, maintain on projection.diary_entries, projection.diary_erasures to movie_ratings_ops;
end
$$;

create or replace function projection.grant_access() returns void
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
declare
    feature regprocedure;
begin
    for feature in
        select grants.oid::regprocedure
        from pg_proc grants
        where grants.pronamespace = 'projection'::regnamespace
          and grants.proname like 'grant\_access\_%'
          and grants.pronargs = 0
          and grants.proowner = (select proowner from pg_proc where oid = 'projection.grant_access()'::regprocedure)
        order by grants.proname
    loop
        execute format('select %s', feature);
    end loop;
end
$$;

revoke all on function projection.grant_access_ratings() from public;
revoke all on function projection.grant_access_discovery() from public;
revoke all on function projection.grant_access_diary() from public;
revoke all on function projection.grant_access() from public;

select projection.grant_access();
