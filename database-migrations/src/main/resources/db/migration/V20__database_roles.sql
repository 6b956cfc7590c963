-- Least privilege inside PostgreSQL: one role per function, each granted exactly the statements its code
-- runs (docs/security.md, "Database roles"). The migrations run as movie_ratings_owner, which owns every
-- object; no function role owns anything, so none can alter a table, disable the append-only trigger or
-- run other DDL. The roles are NOLOGIN here; the migration command gives each its LOGIN password from
-- configuration (DatabaseMigrations.setPasswords), never from the repository.
--
-- HOW A LATER MIGRATION GRANTS ITS NEW OBJECTS (there are no default privileges: a new table is reachable
-- by the owner alone until a migration says otherwise):
--   * a table in schema public or ops: grant, in the same migration, what each function's SQL needs,
--     column by column where a role writes only some columns, e.g.
--         grant select (movie_id, title) on new_table to movie_ratings_query;
--     and name the role's new rights in docs/security.md, with the test that proves them.
--   * a table in schema projection: add it to ProjectionTables.TABLES (the rebuild replaces it), and
--     redefine projection.grant_access() (create or replace, with every grant it already makes plus the
--     new table's), then call it: the rebuild calls the same function after swapping new tables in.
--   * an analytics view: add it to analytics.create_views(), which grants the analyst role SELECT on it.
--   * a sequence behind a serial column: grant usage on it to the role that inserts (identity columns,
--     used throughout, need no grant).
--   * a function a role calls: revoke execute from public, grant it to that role.
do $$
declare
    role text;
begin
    foreach role in array array['movie_ratings_command', 'movie_ratings_relay', 'movie_ratings_projector',
                                'movie_ratings_query', 'movie_ratings_ops'] loop
        if not exists (select 1 from pg_roles where rolname = role) then
            execute format('create role %I nologin', role);
        end if;
    end loop;
end
$$;

-- Nobody but the owner creates anything anywhere (PostgreSQL 15 already revokes it on public).
revoke create on schema public from public;
revoke all on function refuse_event_change() from public;
revoke all on function analytics.create_views() from public;

grant usage on schema projection to movie_ratings_relay, movie_ratings_projector, movie_ratings_query,
    movie_ratings_ops;
grant usage on schema ops to movie_ratings_command, movie_ratings_projector, movie_ratings_ops;

-- command (ratingCommands): appends an event and its outbox row in one transaction, marks them
-- published after the bus accepted them, upserts the user's display name, checks that the movie exists,
-- counts the user's writes. No UPDATE or DELETE on rating_events, no TRIGGER, no ownership: the
-- append-only trigger stays on.
grant select (movie_id) on movies to movie_ratings_command;
grant select (user_id, display_name), insert (user_id, display_name), update (display_name)
    on users to movie_ratings_command;
grant select (position, event_id, user_id, movie_id, stream_version, payload, idempotency_key,
              request_fingerprint),
      insert (event_id, event_type, schema_version, user_id, movie_id, stream_version, occurred_at, payload,
              idempotency_key, request_fingerprint)
    on rating_events to movie_ratings_command;
grant select (position, event_id, published_at, attempts), insert (position, event_id),
      update (published_at, attempts, last_error)
    on event_publications to movie_ratings_command;
grant select, insert, update on ops.write_quota to movie_ratings_command;

-- relay (outboxRelay): claims unpublished outbox rows with their payloads, marks what the bus took,
-- and samples the event head and the projection watermark for its gauges.
grant select (position, payload) on rating_events to movie_ratings_relay;
grant select (position, event_id, created_at, published_at, attempts),
      update (published_at, attempts, last_error)
    on event_publications to movie_ratings_relay;

-- projector (projectRatingEvents): reads the events a message names, writes the projections (see
-- projection.grant_access below), records and resolves its failures.
grant select (position, event_id, user_id, movie_id, payload) on rating_events to movie_ratings_projector;
grant select, insert, update on ops.projection_failures to movie_ratings_projector;

-- query (movieQueries): reads the catalog, display names and the projections, nothing else.
grant select on movies to movie_ratings_query;
grant select (user_id, display_name) on users to movie_ratings_query;

-- ops (rebuild, verify, dead letters, outbox status and republish, catalog maintenance). It reads every
-- event and the outbox; it maintains the catalog (catalog import: insert and correct movies, never
-- delete one that events refer to); "outbox republish" runs the relay, so it holds the relay's rights.
grant select on rating_events to movie_ratings_ops;
grant select on event_publications to movie_ratings_ops;
grant select on ops.projection_failures to movie_ratings_ops;
-- the rebuild's catch-up applies events through the projector's batch, which marks their failures resolved
grant update (resolved_at) on ops.projection_failures to movie_ratings_ops;
grant select, insert (movie_id, title, release_year, genres, imdb_id, tmdb_id),
      update (title, release_year, genres, imdb_id, tmdb_id)
    on movies to movie_ratings_ops;
grant movie_ratings_relay to movie_ratings_ops;

-- The projection tables' grants, in one function, because a rebuild replaces the tables (new tables
-- carry no grants): the migrations call it now, the rebuild's swap after every swap. Ops reads them to
-- verify, locks them (MAINTAIN) while it swaps the rebuilt ones in, and moves the watermark past an event
-- an operator parks (ops events park, V45).
create function projection.grant_access() returns void
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    grant select, insert, update on projection.user_ratings, projection.movie_scores to movie_ratings_projector;
    grant select, update on projection.rating_totals, projection.watermark to movie_ratings_projector;
    grant select, insert on projection.applied_events to movie_ratings_projector;
    grant select on projection.user_ratings, projection.movie_scores, projection.rating_totals,
        projection.watermark to movie_ratings_query;
    grant select (position) on projection.watermark to movie_ratings_relay;
    grant select, maintain on projection.user_ratings, projection.movie_scores, projection.rating_totals,
        projection.applied_events, projection.watermark to movie_ratings_ops;
    grant update (position) on projection.watermark to movie_ratings_ops;
end
$$;
revoke all on function projection.grant_access() from public;

select projection.grant_access();

-- The rebuild (ProjectionRebuild, run as ops) builds shadow tables it owns in schema projection_rebuild
-- and swaps them in. Creating that schema and replacing live tables are the owner's acts, so ops asks
-- the owner through these two functions (SECURITY DEFINER: they run as the owner, search_path pinned)
-- instead of owning the live tables or holding CREATE on the database itself.
create function ops.prepare_projection_rebuild() returns void
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
begin
    drop schema if exists projection_rebuild cascade;
    create schema projection_rebuild authorization movie_ratings_ops;
end
$$;

-- Moves each named shadow table into schema projection in place of the live one, owned by the owner
-- again (inside a SECURITY DEFINER function current_user is its owner), then rebinds the analytics views and grants. Must run in the transaction that locked the live
-- tables. A shadow table with a trigger or a rule is refused: code of ops' choosing would then run with
-- the rights of every role that writes or reads the table.
-- Its search_path holds public (analytics.create_views names the catalog unqualified), where only the
-- owner may create objects (revoked above), and pg_temp last, so no one can plant a look-alike there.
create function ops.swap_in_rebuilt_projections(tables text[]) returns void
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    name text;
    shadow regclass;
begin
    foreach name in array tables loop
        shadow := to_regclass(format('projection_rebuild.%I', name));
        if shadow is null or to_regclass(format('projection.%I', name)) is null then
            raise exception 'no shadow and live table % to swap', name;
        end if;
        if exists (select 1 from pg_trigger where tgrelid = shadow)
           or exists (select 1 from pg_rewrite where ev_class = shadow) then
            raise exception 'shadow table % has a trigger or a rule: refused', name;
        end if;
    end loop;
    foreach name in array tables loop
        execute format('alter table projection_rebuild.%I owner to current_user', name);
        execute format('drop table projection.%I cascade', name);
        execute format('alter table projection_rebuild.%I set schema projection', name);
    end loop;
    drop schema projection_rebuild;
    perform analytics.create_views();
    perform projection.grant_access();
end
$$;
revoke all on function ops.prepare_projection_rebuild() from public;
revoke all on function ops.swap_in_rebuilt_projections(text[]) from public;
grant execute on function ops.prepare_projection_rebuild() to movie_ratings_ops;
grant execute on function ops.swap_in_rebuilt_projections(text[]) to movie_ratings_ops;

-- The owner acts on the shadow tables ops built (to take them over) as a member of ops.
do $$
begin
    if not pg_has_role(current_user, 'movie_ratings_ops', 'usage') then
        grant movie_ratings_ops to current_user;
    end if;
end
$$;
