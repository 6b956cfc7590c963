-- A movie's score through time (issue 19): what its count, sum and histogram were at the end of each UTC
-- day on which one of its ratings changed, and the same for the totals behind C. Kept from the events
-- like the other projections, so a history or an "as of" read is one index lookup, never a fold.

-- Every rating event, as event time orders it: a stream's state at instant T is its event with the
-- greatest (occurred_at, stream_version) at or before T (stars null: withdrawn). Inserting an event
-- changes that state only from its own instant to the next event's, which is what makes the history
-- below exact under any delivery order.
create table projection.score_timeline (
    user_id        text        not null,
    movie_id       bigint      not null,
    stream_version int         not null,
    occurred_at    timestamptz not null,
    stars          numeric(2, 1),
    primary key (user_id, movie_id, stream_version)
);

create index score_timeline_by_time on projection.score_timeline (user_id, movie_id, occurred_at, stream_version);

-- One row for each (movie, UTC day) on which some event of the movie occurred: the movie's ratings as they
-- stood at the end of that day. Between two rows nothing changed.
create table projection.movie_score_history (
    movie_id     bigint        not null,
    day          date          not null,
    rating_count bigint        not null check (rating_count >= 0),
    stars_sum    numeric(14, 1) not null,
    histogram    bigint[]      not null,
    primary key (movie_id, day)
);

-- The same for all movies together: C at the end of each day on which any rating changed.
create table projection.rating_totals_history (
    day          date           primary key,
    rating_count bigint         not null check (rating_count >= 0),
    stars_sum    numeric(16, 1) not null
);
