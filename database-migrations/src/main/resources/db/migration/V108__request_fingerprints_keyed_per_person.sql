-- A command sent with an Idempotency-Key keeps a fingerprint of what it asked for (rating_events.request_fingerprint),
-- so the key reused for another request is refused. Until now that was a plain SHA-256 over the request, review
-- text and diary notes included, and it stays in the append-only table forever: after an erasure anyone holding
-- the table could still confirm a guessed text by hashing it. From here on the fingerprint is an HMAC of that
-- digest under a key of the person's own (dev.movieratings.command.application.Fingerprints), kept in the personal
-- store and deleted by the erasure, which leaves the fingerprints unlinkable to any text.
create extension if not exists pgcrypto;

create table personal.request_keys (
    user_id text  primary key,
    key     bytea not null check (octet_length(key) = 32)
);

-- the command function makes a person's key on first use, reads it, and erases it with the person
grant select, insert, update, delete on personal.request_keys to movie_ratings_command;

-- The fingerprints stored before this migration become what the new code computes for the same request:
-- HMAC-SHA-256 of the old digest's hex text under the person's new key. The event store is append-only, so the
-- trigger is off for this one update of a column that is no part of any event (as V60 did for review text) and
-- back on before the migration commits. A person already erased has no row in users: their fingerprints go.
insert into personal.request_keys (user_id, key)
select person.user_id, public.gen_random_bytes(32)
from (select distinct user_id from rating_events where request_fingerprint is not null) person
where exists (select 1 from users where users.user_id = person.user_id);

alter table rating_events disable trigger rating_events_append_only;
update rating_events event
set request_fingerprint = (
    select encode(public.hmac(convert_to(event.request_fingerprint, 'UTF8'), request_keys.key, 'sha256'), 'hex')
    from personal.request_keys
    where request_keys.user_id = event.user_id)
where event.request_fingerprint is not null;
alter table rating_events enable trigger rating_events_append_only;
