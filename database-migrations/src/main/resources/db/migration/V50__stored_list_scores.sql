-- Lists as index walks (issue 18). The weighted rating WR = (Σstars + m·C)/(v + m) depends on C, the
-- mean of every current rating, which every rating moves: computing it per request sorted the whole
-- catalogue. Each score row now stores its WR computed with one "list basis" (C and m, kept on the
-- totals row). The projector refreshes the stored WR of the movies a batch touches with that basis, and
-- re-reads C into the basis (re-scoring every movie) when C has drifted by more than the projector's
-- tolerance and the basis is older than its interval. The movie page still computes its WR exactly.
alter table projection.rating_totals
    add column list_mean      numeric     not null default 0,
    add column list_min_votes int         not null default 50 check (list_min_votes >= 0),
    add column list_mean_at   timestamptz not null default now();

alter table projection.movie_scores add column weighted numeric;

update projection.rating_totals
set list_mean = case when rating_count > 0 then stars_sum / rating_count else 0 end;

update projection.movie_scores s
set weighted = (s.stars_sum + t.list_min_votes * t.list_mean) / (s.rating_count + t.list_min_votes)
from projection.rating_totals t
where s.rating_count > 0;

-- One index per list order, each walked from the cursor's position. The orders mix directions (score
-- descending, id ascending), which a row comparison cannot express against a plain index, so the
-- descending keys are indexed negated: "(-weighted, movie_id) > (-k, id)" starts the walk exactly at
-- the cursor, even inside a run of ties (thousands of movies share a rating count).
create index movie_scores_top_walk on projection.movie_scores ((-weighted), movie_id) where weighted is not null;
create index movie_scores_popular_walk on projection.movie_scores ((-rating_count), movie_id)
    where rating_count > 0;
create index movie_scores_recent_walk on projection.movie_scores (last_rated_at desc, movie_id desc)
    where last_rated_at is not null;
create index movies_title_walk on movies (title, movie_id);
