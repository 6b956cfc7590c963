-- Issue 18: score_timeline's second index held the same leading columns as its primary key
-- (user_id, movie_id, stream_version). Every read of the timeline (the projector's score history, the
-- rebuild, verify) finds one stream's rows, a handful, through the primary key and orders those by
-- (occurred_at, stream_version) itself. One index less per event to write in the projector and one index
-- over every event less to build in a rebuild. No grant changes: an index has none.
drop index projection.score_timeline_by_time;
