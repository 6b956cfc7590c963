-- The watchlist (issue 20). A (user, movie) pair gets a second stream beside its rating stream: the watchlist
-- stream (MovieWatchlisted, MovieUnwatchlisted), with versions of its own. The event table tells the streams
-- apart by the new column stream; every existing event is of the rating stream (the constant default costs no
-- rewrite of the table), and the unique stream version is now per (user, movie, stream).
alter table rating_events add column stream text not null default 'rating';

alter table rating_events
    drop constraint rating_events_stream_version_unique,
    add constraint rating_events_stream_version_unique unique (user_id, movie_id, stream, stream_version);

grant select (stream), insert (stream) on rating_events to movie_ratings_command;

-- One row per (user, movie) watchlist stream: the state after its highest version applied. listed says what that
-- event was (a MovieUnwatchlisted stays as a tombstone, so a late, older event cannot resurrect the film);
-- listed_position is its position. The rule "rating a film takes it off the watchlist" is kept here:
-- rated_position is the highest position of an applied RatingSubmitted of the pair, and the film is on the list
-- (on_list) when the stream's latest event listed it and no rating was submitted after it. Positions order the
-- two streams' events because the event store appends them under one lock (commit order).
create table projection.watchlist (
    user_id         text        not null,
    movie_id        bigint      not null,
    stream_version  int         not null check (stream_version > 0),
    listed          boolean     not null,
    listed_position bigint      not null,
    added_at        timestamptz not null,
    rated_position  bigint,
    on_list         boolean generated always as (
        listed and (rated_position is null or rated_position < listed_position)) stored,
    primary key (user_id, movie_id)
);

-- GET /api/me/watchlist, newest first: a walk of the person's films on the list.
create index watchlist_by_added on projection.watchlist (user_id, added_at desc, movie_id desc) where on_list;

-- The grants of the watchlist table, in a function of its own (V107): a rebuild recreates the table, and
-- projection.grant_access(), which the swap runs, calls every projection.grant_access_<feature>():
--   projector: applies watchlist events (upsert) and the rating rule (update of rated_position);
--   query:     reads a person's list;
--   ops:       verifies it, rebuilds it (locks it for the swap).
create function projection.grant_access_watchlist() returns void
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    grant select, insert, update on projection.watchlist to movie_ratings_projector;
    grant select on projection.watchlist to movie_ratings_query;
    grant select, maintain on projection.watchlist to movie_ratings_ops;
end
$$;
revoke all on function projection.grant_access_watchlist() from public;

select projection.grant_access_watchlist();
