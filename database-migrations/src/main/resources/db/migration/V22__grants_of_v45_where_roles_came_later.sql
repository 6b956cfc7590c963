-- V45's grants for a database that reached V45 before the roles existed (a local data folder from before
-- V20 was written): there V20, V21 and this run after V45 (DatabaseMigrations migrates out of order), and
-- V45 found no roles to grant to. On a new database this runs before V45 creates the tables, finds
-- nothing, and V45 grants them itself.
do $$
begin
    if to_regclass('ops.parked_events') is not null then
        grant select (position, replayed_at) on ops.parked_events to movie_ratings_projector;
        grant select, insert, update (reason, parked_by, parked_at, replayed_at) on ops.parked_events
            to movie_ratings_ops;
    end if;
    if to_regclass('ops.audit_log') is not null then
        grant select, insert (actor, action, event_id, reason, outcome) on ops.audit_log to movie_ratings_ops;
    end if;
end
$$;
