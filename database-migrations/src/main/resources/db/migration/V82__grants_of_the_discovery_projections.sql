-- The grants of issue 19's projection tables (V80, V81), as V20 asks: projection.grant_access() again with every
-- grant it made and the new tables', then called (a rebuild calls it after every swap).
--   projector: adds events to the score history's timeline and end-of-day rows, marks movies stale for similar
--              movies (an upsert that counts the marks);
--   query:     reads the history rows, the similar pairs and whether a movie's pairs are due for a refresh;
--   ops:       verifies them all, refreshes similar movies (deletes and inserts pairs, reads and clears marks),
--              and locks every table (MAINTAIN) while a rebuild swaps new ones in.
create or replace function projection.grant_access() returns void
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
revoke all on function projection.grant_access() from public;

select projection.grant_access();
