package dev.movieratings.projection.maintenance.infrastructure;

/**
 * The SQL of a one-projection rebuild ({@link OneProjection}): which events the live projections hold,
 * and how the owner is asked to swap in a projection's tables or, for one that shares its tables with
 * others (reviews), copy its columns.
 */
final class OneProjectionSql {

    static final String CREATE_EXCLUDED = "create table projection_rebuild.excluded (position bigint primary key)";

    static final String DROP_EXCLUDED = "drop table projection_rebuild.excluded";

    /**
     * Positions in (after, upTo] the live projections do not hold: not recorded as applied, and above the
     * watermark or parked and not replayed (the rule of ops' "is applied"). Parameters: after, upTo twice.
     */
    static final String EXCLUDE_NOT_APPLIED = """
            insert into projection_rebuild.excluded (position)
            select e.position from rating_events e
            where e.position > greatest(?, (select position from projection.watermark)) and e.position <= ?
              and not exists (select 1 from projection.applied_events a where a.position = e.position)
            union
            select p.position from ops.parked_events p
            where p.replayed_at is null and p.position > ? and p.position <= ?
              and not exists (select 1 from projection.applied_events a where a.position = p.position)
            on conflict do nothing""";

    static final String EXCLUDED_BETWEEN = """
            select position from projection_rebuild.excluded where position > ? and position <= ?""";

    /** Under the live tables' locks: the excluded events the live projections have applied since. */
    static final String EXCLUDED_NOW_APPLIED = """
            delete from projection_rebuild.excluded x
            where exists (select 1 from projection.applied_events a where a.position = x.position)
               or x.position <= (select position from projection.watermark)
                  and not exists (select 1 from ops.parked_events p
                                  where p.position = x.position and p.replayed_at is null)
            returning x.position""";

    /** The shadow records every event it applies after the load, whatever its position. */
    static final String SHADOW_RECORDS_EVERY_EVENT = "update projection_rebuild.watermark set position = 0";

    static final String LIVE_WATERMARK = "select position from projection.watermark";

    /** The owner replaces the named live tables with the shadow ones (V20). */
    static final String SWAP_IN = "select ops.swap_in_rebuilt_projections(?::text[])";

    /** The owner copies the review columns from the shadow tables into the live ones (V71). */
    static final String COPY_REVIEWS = "select ops.copy_rebuilt_reviews()";

    private OneProjectionSql() {}
}
