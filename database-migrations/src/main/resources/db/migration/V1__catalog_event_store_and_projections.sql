-- Catalog: movies users can rate. Seeded from MovieLens locally; loaded by ops elsewhere.
create table movies (
    movie_id     bigint primary key,
    title        text   not null,
    release_year int,
    genres       text[] not null default '{}',
    imdb_id      text,
    tmdb_id      text
);

-- Users as the identity provider names them (the token's sub); pseudonymous, no e-mail.
create table users (
    user_id       text primary key,
    display_name  text        not null,
    first_seen_at timestamptz not null default now()
);

-- The event store: append-only, one row per rating event. position is the global order; within a
-- stream (user, movie) stream_version orders events and guards against concurrent writers.
create table rating_events (
    position            bigint generated always as identity primary key,
    event_id            uuid        not null,
    event_type          text        not null,
    schema_version      int         not null,
    user_id             text        not null,
    movie_id            bigint      not null references movies (movie_id),
    stream_version      int         not null check (stream_version > 0),
    occurred_at         timestamptz not null,
    recorded_at         timestamptz not null default now(),
    payload             jsonb       not null,
    idempotency_key     text,
    request_fingerprint text,
    constraint rating_events_event_id_unique unique (event_id),
    constraint rating_events_stream_version_unique unique (user_id, movie_id, stream_version),
    constraint rating_events_idempotency_key_unique unique (user_id, idempotency_key)
);

create function refuse_event_change() returns trigger language plpgsql as $$
begin
    raise exception 'rating_events is append-only: % refused', tg_op;
end
$$;

create trigger rating_events_append_only
    before update or delete on rating_events
    for each row execute function refuse_event_change();

create trigger rating_events_no_truncate
    before truncate on rating_events
    for each statement execute function refuse_event_change();

-- Transactional outbox: written in the same transaction as the event; the relay publishes what is
-- still unpublished, so a bus outage delays events but never loses them.
create table event_publications (
    position     bigint primary key references rating_events (position),
    event_id     uuid        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     int         not null default 0,
    last_error   text
);

create index event_publications_unpublished on event_publications (position) where published_at is null;

-- Projections: everything the query side reads. Rebuildable from rating_events at any time.
create schema projection;

-- One row per (user, movie) stream: the state after the highest stream version applied. A withdrawn
-- rating stays as a tombstone (stars null) so a late, older event cannot resurrect it.
create table projection.user_ratings (
    user_id        text        not null,
    movie_id       bigint      not null,
    stream_version int         not null,
    stars          numeric(2, 1) check (stars between 0.5 and 5.0),
    review_text    text,
    review_spoiler boolean,
    rated_since    timestamptz,
    updated_at     timestamptz not null,
    primary key (user_id, movie_id)
);

create index user_ratings_reviews_by_movie on projection.user_ratings (movie_id, updated_at desc, user_id)
    where review_text is not null;
create index user_ratings_by_user on projection.user_ratings (user_id, updated_at desc, movie_id)
    where stars is not null;

-- Per-movie score, kept exact: count, sum, and a half-star histogram (index 1 = 0.5 stars … 10 = 5.0).
create table projection.movie_scores (
    movie_id       bigint primary key,
    rating_count   bigint        not null default 0 check (rating_count >= 0),
    stars_sum      numeric(14, 1) not null default 0,
    histogram      bigint[]      not null default '{0,0,0,0,0,0,0,0,0,0}',
    review_count   bigint        not null default 0 check (review_count >= 0),
    last_rated_at  timestamptz,
    average_rating numeric generated always as (
        case when rating_count > 0 then round(stars_sum / rating_count, 4) end) stored
);

create index movie_scores_popular on projection.movie_scores (rating_count desc, movie_id);

-- Totals over all current ratings: the weighted rating's global mean C.
create table projection.rating_totals (
    singleton    boolean primary key default true check (singleton),
    rating_count bigint         not null default 0,
    stars_sum    numeric(16, 1) not null default 0
);

insert into projection.rating_totals (singleton) values (true);

-- Events the projector has applied: a redelivered event is recognised and skipped.
create table projection.applied_events (
    event_id   uuid primary key,
    position   bigint      not null unique,
    applied_at timestamptz not null default now()
);

-- Low watermark: every event at or below this position is applied. Reads report it so a client can
-- tell whether its own write (whose position it was given) is visible yet.
create table projection.watermark (
    singleton boolean primary key default true check (singleton),
    position  bigint not null default 0
);

insert into projection.watermark (singleton) values (true);
