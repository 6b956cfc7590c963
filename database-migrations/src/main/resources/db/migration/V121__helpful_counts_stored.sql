-- Helpful counts stored per review (issue 20): a film's reviews list read each review's helpfulCount by summing the
-- counted votes of projection.helpful_votes on every read, and sort=helpful sorted the whole film's reviews by that
-- sum. The projector now keeps the count per review beside the votes, in the transaction that applies them (votes,
-- their withdrawal, the end of a review, an erasure); rebuilds and verify derive it from the votes' rows.
-- One row per review that has a row in helpful_votes (a review whose votes were all taken back keeps a 0).
create table projection.helpful_counts (
    review_id     uuid   primary key,
    movie_id      bigint not null,
    helpful_count bigint not null check (helpful_count >= 0)
);

-- sort=helpful: the film's reviews with votes, most first, an index walk (ties, by write time then author, are
-- sorted per count as the walk reaches them); the reviews without votes follow in review_texts_newest's order.
create index helpful_counts_most on projection.helpful_counts (movie_id, helpful_count desc) where helpful_count > 0;

insert into projection.helpful_counts (review_id, movie_id, helpful_count)
select review_id, movie_id, count(*) filter (where counted)
from projection.helpful_votes
group by review_id, movie_id;

-- The helpful feature's grants (V120's function, redefined to name the new table):
--   projector: applies votes and keeps the counts (upserts, updates);
--   query:     reads the counts and whether the caller voted;
--   ops:       verifies and rebuilds both (locks them for the swap).
create or replace function projection.grant_access_helpful() returns void
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    grant select, insert, update on projection.helpful_votes, projection.helpful_counts to movie_ratings_projector;
    grant select on projection.helpful_votes, projection.helpful_counts to movie_ratings_query;
    grant select, maintain on projection.helpful_votes, projection.helpful_counts to movie_ratings_ops;
end
$$;
revoke all on function projection.grant_access_helpful() from public;

select projection.grant_access_helpful();
