-- Tags (issue 19). A (user, movie) pair gets a third stream, the tag stream (MovieTagged, MovieUntagged; the
-- column stream of V115 says 'tag'). A tag is text the person wrote, so, like a review's text (V60) and a diary
-- note (V95), it is never in an event: the events carry a tag id, the text lives here, written and deleted in
-- the command's transaction, and DELETE /api/me deletes the person's rows without rewriting any event.
-- key is the text lower-cased and NFC-normalised (TagText.keyOf): a person has a tag once per film whatever its
-- case, and the counts and the tag= filter group by it.
create table personal.tags (
    tag_id   uuid   primary key,
    user_id  text   not null,
    movie_id bigint not null,
    text     text   not null,
    key      text   not null,
    constraint tags_once_per_person_and_film unique (user_id, movie_id, key)
);

-- GET /api/movies?tag=: the films carrying a key, then its current taggings; and a film's top tags.
create index tags_by_key on personal.tags (key, movie_id);
create index tags_by_movie on personal.tags (movie_id);

grant select, insert, delete on personal.tags to movie_ratings_command;
grant select on personal.tags to movie_ratings_query;
-- verify names texts kept for tags that are off: keys only, never a text
grant select (tag_id, user_id, movie_id) on personal.tags to movie_ratings_ops;

-- One row per tag a person ever put on a film: the highest version of its own events, and whether it is on
-- (that event tagged, and no erasure of the stream is newer). An untagged tag stays as a tombstone, so a late,
-- older MovieTagged cannot put it back.
create table projection.user_tags (
    user_id        text    not null,
    movie_id       bigint  not null,
    tag_id         uuid    not null,
    stream_version int     not null check (stream_version > 0),
    tagged         boolean not null,
    primary key (user_id, movie_id, tag_id)
);

-- A film's current taggings (its top tags, the tag= filter joins them by tag_id).
create index user_tags_on_by_movie on projection.user_tags (movie_id, tag_id) where tagged;
create index user_tags_on_by_tag on projection.user_tags (tag_id) where tagged;

-- One row per tag stream: the highest version applied (read-your-writes: GET /api/me/tags?movie= says it as
-- projectedVersion) and the newest erasure's version, which keeps any older MovieTagged off whenever it arrives.
create table projection.tag_streams (
    user_id         text   not null,
    movie_id        bigint not null,
    stream_version  int    not null check (stream_version > 0),
    erased_version  int    not null default 0,
    primary key (user_id, movie_id)
);

-- The tag tables' grants, in a function of their own (V107): a rebuild recreates the tables, and
-- projection.grant_access(), which the swap runs, calls every projection.grant_access_<feature>():
--   projector: applies tag events (upserts; an erasure updates a stream's tags);
--   query:     reads a film's tags and a person's;
--   ops:       verifies them, rebuilds them (locks them for the swap).
create function projection.grant_access_tags() returns void
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    grant select, insert, update on projection.user_tags, projection.tag_streams to movie_ratings_projector;
    grant select on projection.user_tags, projection.tag_streams to movie_ratings_query;
    grant select, maintain on projection.user_tags, projection.tag_streams to movie_ratings_ops;
end
$$;
revoke all on function projection.grant_access_tags() from public;

select projection.grant_access_tags();
