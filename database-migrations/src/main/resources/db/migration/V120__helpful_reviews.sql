-- Helpful reviews (issue 20, item 3). A review gets an identity that survives edits of its text, and a time it
-- was written apart from the rating's updated_at; "helpful" votes are events of the voter's own stream.

-- The review's identity and write time are kept with its text in the personal store, where the command decides
-- them as it writes the text: review_id is the event id of the RatingSubmitted that first wrote a text after the
-- stream had none (later edits keep it), written_at the instant the text last changed (a rating that keeps the
-- same text, from the ratings API or the diary, keeps it). An erasure or a retraction deletes the row, so a
-- review written afterwards is a new review, with a new id and no votes.
alter table personal.review_texts
    add column review_id  uuid,
    add column written_at timestamptz;

-- Existing reviews: the event that wrote the current text names them (the text of a stream is rewritten under
-- each RatingSubmitted's version, so the write time of an unchanged text before this migration is not known).
update personal.review_texts t
set review_id = e.event_id, written_at = e.occurred_at
from rating_events e
where e.user_id = t.user_id and e.movie_id = t.movie_id and e.stream = 'rating'
  and e.stream_version = t.stream_version;

-- A text without its event (cannot happen: both are written in one transaction) is dropped rather than kept
-- without an identity.
delete from personal.review_texts where review_id is null;

alter table personal.review_texts
    alter column review_id set not null,
    alter column written_at set not null,
    add constraint review_texts_review_id_unique unique (review_id);

-- GET /api/movies/{id}/reviews?sort=newest: a walk of the film's reviews by the time their text was written.
create index review_texts_newest on personal.review_texts (movie_id, written_at desc, user_id desc);

-- The votes: one row per (voter, review), the state after the highest version of the voter's helpful stream for
-- the film that concerns that review (an unmarked vote stays as a tombstone, so a late, older event cannot bring
-- it back). ended_position is the highest position of an applied event of the author's rating stream for the
-- film that ended the review after the vote (a retraction, an erasure, a rating without a review): the vote
-- counts while the voter's latest event marked it and the review has not ended since (counted).
create table projection.helpful_votes (
    voter          text        not null,
    movie_id       bigint      not null,
    review_id      uuid        not null,
    review_author  text        not null,
    stream_version int         not null check (stream_version > 0),
    marked         boolean     not null,
    vote_position  bigint      not null,
    voted_at       timestamptz not null,
    ended_position bigint,
    counted        boolean generated always as (marked and ended_position is null) stored,
    primary key (voter, review_id)
);

-- A film's reviews' counts (helpfulCount, sort=helpful): an index-only count per review.
create index helpful_votes_counted on projection.helpful_votes (movie_id, review_id) where counted;
-- The rule "a review's end ends its votes": the votes on one author's review of a film.
create index helpful_votes_by_author on projection.helpful_votes (review_author, movie_id);

-- The grants of the votes table, in a function of its own (V107):
--   projector: applies votes (upsert) and the end of reviews (update of ended_position);
--   query:     counts a film's reviews' votes and reads whether the caller voted;
--   ops:       verifies it, rebuilds it (locks it for the swap).
create function projection.grant_access_helpful() returns void
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    grant select, insert, update on projection.helpful_votes to movie_ratings_projector;
    grant select on projection.helpful_votes to movie_ratings_query;
    grant select, maintain on projection.helpful_votes to movie_ratings_ops;
end
$$;
revoke all on function projection.grant_access_helpful() from public;

select projection.grant_access_helpful();
