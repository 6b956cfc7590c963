package dev.movieratings.projection.infrastructure;

/**
 * The projector's watchlist statements (issue 20), for every set of projection tables ({@code {schema}}, as in
 * {@link ProjectionSql}). The rule "a rating takes the film off the list" is kept by two columns of one row per
 * pair, whichever of the two events is applied first: a watchlist event reads the highest applied RatingSubmitted
 * position of its pair, and a RatingSubmitted raises it on the pair's row. Both run under the pair's stream lock
 * (LOCK_STREAMS locks by user and movie, the same key for both streams), so neither can miss the other.
 */
final class WatchlistSql {

    /**
     * Each stream's newest event of the batch (users, movies, versions, listed, positions, instants), upserted where
     * it is newer than the row, with the highest position of a rating of the pair after it. A rating counts once it
     * is applied (recorded, or at or below the watermark and not parked), as verify folds exactly the applied events;
     * only ratings after the event count, so a rebuild's catch-up (which sees only what it applies) agrees.
     * Answers the streams moved forward.
     */
    static final String APPLY_EVENTS = """
            with event as (
                select distinct on (user_id, movie_id) *
                from unnest(?::text[], ?::bigint[], ?::int[], ?::boolean[], ?::bigint[], ?::timestamptz[])
                    as e(user_id, movie_id, stream_version, listed, position, occurred_at)
                order by user_id, movie_id, stream_version desc)
            insert into {schema}.watchlist as w (user_id, movie_id, stream_version, listed, listed_position, added_at,
                                                rated_position)
            select e.user_id, e.movie_id, e.stream_version, e.listed, e.position, e.occurred_at,
                   (select max(r.position) from rating_events r
                    where r.user_id = e.user_id and r.movie_id = e.movie_id and r.position > e.position
                      and r.payload ->> 'type' = 'RatingSubmitted'
                      and (exists (select 1 from {schema}.applied_events a where a.position = r.position)
                           or r.position <= (select position from {schema}.watermark)
                              and not exists (select 1 from ops.parked_events p
                                              where p.position = r.position and p.replayed_at is null)))
            from event e
            order by e.user_id, e.movie_id
            on conflict (user_id, movie_id) do update set
                stream_version = excluded.stream_version, listed = excluded.listed,
                listed_position = excluded.listed_position, added_at = excluded.added_at,
                rated_position = excluded.rated_position
            where excluded.stream_version > w.stream_version
            returning w.user_id, w.movie_id, w.stream_version""";

    /**
     * The batch's submitted ratings (users, movies, positions) raise their pair's rated position, if it has a row
     * and the rating came after the row's event.
     */
    static final String APPLY_RATINGS = """
            update {schema}.watchlist w set rated_position = greatest(w.rated_position, r.position)
            from (select user_id, movie_id, max(position) as position
                  from unnest(?::text[], ?::bigint[], ?::bigint[]) as r(user_id, movie_id, position)
                  group by user_id, movie_id
                  order by user_id, movie_id) r
            where w.user_id = r.user_id and w.movie_id = r.movie_id and r.position > w.listed_position""";

    private WatchlistSql() {}
}
