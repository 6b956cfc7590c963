package dev.movieratings.projection.maintenance.infrastructure;

/**
 * The rebuild's fold of the watchlist (issue 20), set-based: each (user, movie) watchlist stream's highest version
 * decides its row, and the pair's highest RatingSubmitted position after that event, up to the rebuild's position,
 * is kept beside it
 * (the rule "a rating takes the film off the list" is the generated column on_list). Parameters: the listing type
 * and its highest schema version, the unlisting type and its highest schema version, the submitted type, and the
 * highest position twice. Events in {@code excluded} are left out, as in the ratings' fold (a one-projection
 * rebuild folds only what the live projections hold). An event the fold cannot read stops the rebuild.
 */
final class WatchlistRebuildSql {

    static final String LOAD = """
            insert into projection_rebuild.watchlist (user_id, movie_id, stream_version, listed, listed_position,
                                                     added_at, rated_position)
            select w.user_id, w.movie_id, w.stream_version,
                   case when w.event_type = ? and w.schema_version between 1 and ? then true
                        when w.event_type = ? and w.schema_version between 1 and ? then false
                        else ('event at position ' || w.position || ' has unknown type ' || w.event_type
                              || ' or schema version ' || w.schema_version)::boolean end,
                   w.position, w.occurred_at,
                   (select max(r.position) from rating_events r
                    where r.user_id = w.user_id and r.movie_id = w.movie_id and r.stream = 'rating'
                      and r.event_type = ? and r.position > w.position and r.position <= ?
                      and not exists (select 1 from projection_rebuild.excluded x where x.position = r.position))
            from (select distinct on (user_id, movie_id) user_id, movie_id, stream_version, event_type,
                         schema_version, position, occurred_at
                  from rating_events e
                  where stream = 'watchlist' and position <= ?
                    and not exists (select 1 from projection_rebuild.excluded x where x.position = e.position)
                  order by user_id, movie_id, stream_version desc) w""";

    private WatchlistRebuildSql() {}
}
