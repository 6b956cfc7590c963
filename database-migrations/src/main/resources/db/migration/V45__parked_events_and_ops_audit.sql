-- Events an operator set aside (issue 17): the watermark passes a parked event, which counts as decided but
-- not applied, so one event the projector cannot apply no longer holds back everything after it. A replay
-- applies it later (replayed_at set); parking it again after that starts a new row of history in the audit.
create table ops.parked_events (
    position    bigint primary key references rating_events (position),
    event_id    uuid        not null unique,
    reason      text        not null check (length(reason) between 1 and 500),
    parked_by   text        not null,
    parked_at   timestamptz not null default now(),
    replayed_at timestamptz
);

create index parked_events_waiting on ops.parked_events (position) where replayed_at is null;

-- Every ops action that changes something: who (the OS user of the command line, or the Lambda's caller),
-- when, what, on which event, why, and how it ended.
create table ops.audit_log (
    id       bigint generated always as identity primary key,
    at       timestamptz not null default now(),
    actor    text        not null,
    action   text        not null,
    event_id uuid,
    reason   text,
    outcome  text        not null
);

-- The per-function roles come from another migration; where they exist, each gets exactly what it uses:
-- the projector reads which events are parked (its watermark passes them), ops parks, replays and audits.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'movie_ratings_projector') then
        grant select (position, replayed_at) on ops.parked_events to movie_ratings_projector;
    end if;
    if exists (select 1 from pg_roles where rolname = 'movie_ratings_ops') then
        grant select, insert, update (reason, parked_by, parked_at, replayed_at) on ops.parked_events
            to movie_ratings_ops;
        grant select, insert (actor, action, event_id, reason, outcome) on ops.audit_log to movie_ratings_ops;
    end if;
end
$$;
