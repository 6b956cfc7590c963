package dev.movieratings.projection.infrastructure;

/**
 * The projector's helpful-vote statements (issue 20), for every set of projection tables ({@code {schema}}, as in
 * {@link ProjectionSql}). The rule "the end of a review ends its votes" is kept as the watchlist keeps its rule,
 * whichever event is applied first: a vote reads the highest applied position of an event of the author's rating
 * stream for the film that ended a review after it, and such an event raises it on the votes of that author and
 * film. Both run under the (author, film) stream lock (a vote's batch takes it beside the voter's), so neither can
 * miss the other.
 */
final class HelpfulSql {

    /**
     * An event of the rating stream that ends its review: a retraction, an erasure, a rating without a review (the
     * types are the rating stream's; the projector reads the event's type from its payload, as its grant allows).
     */
    static final String ENDS_REVIEW = """
            (r.payload ->> 'type' in ('RatingRetracted', 'RatingErased')
             or r.payload ->> 'type' = 'RatingSubmitted'
                and jsonb_typeof(r.payload -> 'review') is distinct from 'object')""";

    /**
     * Per (voter, review) the batch's newest event (voters, movies, reviews, authors, versions, marked, positions,
     * instants), upserted where it is newer than the row, with the highest applied position of an end of the review
     * after it. An end counts once applied (recorded, or at or below the watermark and not parked), as verify folds
     * exactly the applied events; only ends after the vote count, so a rebuild's catch-up agrees. Answers the rows
     * moved forward.
     */
    static final String APPLY_VOTES = """
            with vote as (
                select distinct on (voter, review_id) *
                from unnest(?::text[], ?::bigint[], ?::uuid[], ?::text[], ?::int[], ?::boolean[], ?::bigint[],
                            ?::timestamptz[])
                    as v(voter, movie_id, review_id, review_author, stream_version, marked, position, occurred_at)
                order by voter, review_id, stream_version desc)
            insert into {schema}.helpful_votes as h (voter, movie_id, review_id, review_author, stream_version, marked,
                                                    vote_position, voted_at, ended_position)
            select v.voter, v.movie_id, v.review_id, v.review_author, v.stream_version, v.marked, v.position,
                   v.occurred_at,
                   (select max(r.position) from rating_events r
                    where r.user_id = v.review_author and r.movie_id = v.movie_id
                      and r.position > v.position and """ + ENDS_REVIEW + """

                      and (exists (select 1 from {schema}.applied_events a where a.position = r.position)
                           or r.position <= (select position from {schema}.watermark)
                              and not exists (select 1 from ops.parked_events p
                                              where p.position = r.position and p.replayed_at is null)))
            from vote v
            order by v.voter, v.review_id
            on conflict (voter, review_id) do update set
                movie_id = excluded.movie_id, review_author = excluded.review_author,
                stream_version = excluded.stream_version, marked = excluded.marked,
                vote_position = excluded.vote_position, voted_at = excluded.voted_at,
                ended_position = excluded.ended_position
            where excluded.stream_version > h.stream_version
            returning h.voter, h.review_id, h.stream_version""";

    /** The batch's ends of reviews (authors, movies, positions) end the votes on them cast before. */
    static final String APPLY_ENDS = """
            update {schema}.helpful_votes h set ended_position = greatest(h.ended_position, e.position)
            from (select user_id, movie_id, max(position) as position
                  from unnest(?::text[], ?::bigint[], ?::bigint[]) as e(user_id, movie_id, position)
                  group by user_id, movie_id
                  order by user_id, movie_id) e
            where h.review_author = e.user_id and h.movie_id = e.movie_id and e.position > h.vote_position""";

    /**
     * The count of the votes that count, stored per review (V121), for the reviews the batch touched: the batch's
     * voted reviews (reviews, movies) and every review of the batch's ended (authors, movies). Recounted from the
     * votes' rows after the two statements above, under the same author's lock, so two batches never race on one
     * review; an index-only count over helpful_votes_counted. A review keeps its row at 0, as a rebuild makes it.
     */
    static final String COUNT_VOTES = """
            with touched as (
                select v.review_id, v.movie_id from unnest(?::uuid[], ?::bigint[]) as v(review_id, movie_id)
                union
                select h.review_id, h.movie_id
                from {schema}.helpful_votes h
                join unnest(?::text[], ?::bigint[]) as e(user_id, movie_id)
                    on h.review_author = e.user_id and h.movie_id = e.movie_id)
            insert into {schema}.helpful_counts as c (review_id, movie_id, helpful_count)
            select t.review_id, t.movie_id,
                   (select count(*) from {schema}.helpful_votes h
                    where h.movie_id = t.movie_id and h.review_id = t.review_id and h.counted)
            from touched t
            order by t.review_id
            on conflict (review_id) do update set helpful_count = excluded.helpful_count
            where c.helpful_count <> excluded.helpful_count""";

    private HelpfulSql() {}
}
