package dev.movieratings.projection.maintenance.infrastructure;

/**
 * The rebuild's fold of the helpful votes (issue 20), set-based: per (voter, review) the highest version of the
 * voter's helpful stream decides the row, and the highest position, up to the rebuild's position, of an event of
 * the author's rating stream for the film that ended a review after it (a retraction, an erasure, a rating without
 * a review) is kept beside it (the vote counts while it has none: the generated column counted). Parameters: the
 * marking type and its highest schema version, the unmarking type and its highest schema version, and the highest
 * position twice. Events in {@code excluded} are left out, as in the ratings' fold. An event the fold cannot read
 * stops the rebuild.
 */
final class HelpfulRebuildSql {

    static final String LOAD = """
            insert into projection_rebuild.helpful_votes (voter, movie_id, review_id, review_author, stream_version,
                                                         marked, vote_position, voted_at, ended_position)
            select v.user_id, v.movie_id, v.review_id, v.review_author, v.stream_version,
                   case when v.event_type = ? and v.schema_version between 1 and ? then true
                        when v.event_type = ? and v.schema_version between 1 and ? then false
                        else ('event at position ' || v.position || ' has unknown type ' || v.event_type
                              || ' or schema version ' || v.schema_version)::boolean end,
                   v.position, v.occurred_at,
                   (select max(r.position) from rating_events r
                    where r.user_id = v.review_author and r.movie_id = v.movie_id and r.stream = 'rating'
                      and r.position > v.position and r.position <= ?
                      and (r.event_type in ('RatingRetracted', 'RatingErased')
                           or r.event_type = 'RatingSubmitted'
                              and jsonb_typeof(r.payload -> 'review') is distinct from 'object')
                      and not exists (select 1 from projection_rebuild.excluded x where x.position = r.position))
            from (select distinct on (user_id, (payload ->> 'reviewId')::uuid)
                         user_id, movie_id, (payload ->> 'reviewId')::uuid as review_id,
                         payload ->> 'reviewAuthor' as review_author, stream_version, event_type, schema_version,
                         position, occurred_at
                  from rating_events e
                  where stream = 'helpful' and position <= ?
                    and not exists (select 1 from projection_rebuild.excluded x where x.position = e.position)
                  order by user_id, (payload ->> 'reviewId')::uuid, stream_version desc) v""";

    /** The stored count per review (V121): the rebuilt votes that count, a row (0 too) per review voted on. */
    static final String COUNTS = """
            insert into projection_rebuild.helpful_counts (review_id, movie_id, helpful_count)
            select review_id, movie_id, count(*) filter (where counted)
            from projection_rebuild.helpful_votes
            group by review_id, movie_id""";

    private HelpfulRebuildSql() {}
}
