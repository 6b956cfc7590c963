-- Since V50 the popular list walks movie_scores_popular_walk ((-rating_count), movie_id); nothing reads
-- by movie_scores_popular any more (search sorts its matches itself). Every projector batch changes
-- rating_count, so each of its score updates also inserted an entry into this index, and every rebuild
-- built it: one index less to maintain per touched movie and to build per rebuild (issue 18).
drop index projection.movie_scores_popular;
