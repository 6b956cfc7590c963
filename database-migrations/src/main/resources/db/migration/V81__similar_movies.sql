-- Similar movies (issue 19). A user likes a movie when their current rating is 4.0 or more; for movies i and j
-- with L(i), L(j) the users who like them, co_likes = |L(i) ∩ L(j)| and similarity = co_likes / sqrt(|L(i)|·|L(j)|),
-- kept for pairs with co_likes >= 5, once in each direction so a movie's list is one index range.
-- Refreshed with bounded staleness: the projector marks a movie stale when a like of it comes or goes (in the
-- batch's transaction), and a refresh recomputes the pairs of the stale movies from user_ratings.
create table projection.similar_movies (
    movie_id      bigint not null,
    similar_id    bigint not null,
    co_likes      int    not null check (co_likes >= 5),
    movie_likes   int    not null,
    similar_likes int    not null,
    -- from the stored counts, so any reader (or verify, in Java) gets the very same double
    similarity    double precision generated always as (co_likes / sqrt(movie_likes::float8 * similar_likes)) stored,
    primary key (movie_id, similar_id)
);

create index similar_movies_by_similarity on projection.similar_movies (movie_id, similarity desc, similar_id);

-- Movies whose likes changed since their pairs were computed. Every mark counts up marks; a refresh reads the
-- marks, recomputes, and removes only the marks still at the count it read, so a like that changes while it
-- runs leaves its movie marked for the next refresh (and the refresh never holds a lock the projector waits on).
create table projection.similarity_stale (
    movie_id  bigint      primary key,
    marks     bigint      not null default 1,
    marked_at timestamptz not null default now()
);

-- The likes, both ways: a movie's likers, and what each of them likes.
create index user_ratings_likes_by_movie on projection.user_ratings (movie_id, user_id) where stars >= 4.0;
create index user_ratings_likes_by_user on projection.user_ratings (user_id, movie_id) where stars >= 4.0;
