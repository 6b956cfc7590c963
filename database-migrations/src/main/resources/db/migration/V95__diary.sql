-- The diary (issue 20, item 2): a person's viewings of films, several per film, each with the day it was
-- watched. The events (DiaryEntryLogged/Edited/Deleted) share the person's (user, movie) stream with the
-- rating events and carry no text; a private note lives in schema personal, which erasure deletes from.

-- One row per entry, as its latest event left it. A deleted entry stays as a tombstone (watched_on null)
-- so an older event of it, delivered late, cannot bring it back. Rebuildable from the events.
create table projection.diary_entries (
    entry_id       uuid          primary key,
    user_id        text          not null,
    movie_id       bigint        not null,
    stream_version int           not null,
    watched_on     date,
    rewatch        boolean       not null,
    stars          numeric(2, 1) check (stars between 0.5 and 5.0),
    logged_at      timestamptz,
    updated_at     timestamptz   not null,
    check ((watched_on is null) = (logged_at is null))
);

-- GET /api/me/diary?year=: one person's entries of one year, newest viewing first, walked from a cursor.
create index diary_entries_by_user on projection.diary_entries
    (user_id, watched_on desc, logged_at desc, entry_id desc) where watched_on is not null;
-- an erasure deletes a stream's entries
create index diary_entries_by_stream on projection.diary_entries (user_id, movie_id);

-- The version of each stream's latest erasure: entry events below it stay hidden whenever they arrive.
create table projection.diary_erasures (
    user_id        text   not null,
    movie_id       bigint not null,
    stream_version int    not null,
    primary key (user_id, movie_id)
);

-- The private note of an entry, replaced by an edit, deleted with the entry and by DELETE /api/me.
create table personal.diary_notes (
    entry_id uuid primary key,
    user_id  text not null,
    text     text not null
);

create index diary_notes_by_user on personal.diary_notes (user_id);

grant select, insert, update, delete on personal.diary_notes to movie_ratings_command;
grant select on personal.diary_notes to movie_ratings_query;
-- verify names notes kept for entries that are gone: keys only, never a text
grant select (entry_id, user_id) on personal.diary_notes to movie_ratings_ops;

-- projection.grant_access() again, as V20 asks: V82's grants unchanged, then the diary's block.
--   projector: writes entries (deletes them on an erasure) and the erasure marks;
--   query:     reads entries;
--   ops:       verifies and rebuilds both (MAINTAIN to lock them for the swap).
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

    -- diary (V95)
    grant select, insert, update, delete on projection.diary_entries to movie_ratings_projector;
    grant select, insert, update on projection.diary_erasures to movie_ratings_projector;
    grant select on projection.diary_entries to movie_ratings_query;
    grant select, maintain on projection.diary_entries, projection.diary_erasures to movie_ratings_ops;
end
$$;
revoke all on function projection.grant_access() from public;

select projection.grant_access();
