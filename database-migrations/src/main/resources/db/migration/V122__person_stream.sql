-- The person stream (issue 16): every erasure appends one PersonErased to a stream of the person's own, so even a
-- person who only chose a name leaves an audit record that their erasure happened. That stream belongs to no film:
-- its rows keep movie_id null (the foreign key to movies lets null through), and only its rows may. Dropping the
-- not-null is a change of the catalog only; the check reads the table once.
alter table rating_events alter column movie_id drop not null;

alter table rating_events
    add constraint rating_events_film_unless_person check ((movie_id is null) = (stream = 'person'));

-- The unique (user_id, movie_id, stream, stream_version) cannot hold a stream whose movie_id is null (nulls are
-- distinct there), so the person stream's versions get their own unique index. Its name starts with the
-- constraint's, so the event store reports a taken version of either the same way (StreamVersionTaken).
create unique index rating_events_stream_version_unique_person
    on rating_events (user_id, stream_version) where stream = 'person';
