-- The one part an administrator runs (the RDS master user on AWS, the superuser locally), before the
-- migrations and as often as the migration command is run with admin credentials (it is idempotent):
-- creates movie_ratings_owner, which then runs every migration and owns every object, and hands it what
-- an earlier version of this project created as the administrator.
do $$
declare
    role text;
begin
    if not exists (select 1 from pg_roles where rolname = 'movie_ratings_owner') then
        create role movie_ratings_owner nologin;
    end if;
    -- CREATEROLE (PostgreSQL 16+): creates the function roles and sets their passwords; it manages only
    -- roles it created or was given ADMIN on, and can grant no superuser, replication or RLS bypass.
    alter role movie_ratings_owner login createrole;
    -- A non-superuser administrator (the RDS master user) must be able to act as the owner to hand it
    -- the database and the older objects.
    if not (select rolsuper from pg_roles where rolname = current_user)
       and not pg_has_role(current_user, 'movie_ratings_owner', 'set') then
        execute format('grant movie_ratings_owner to %I with inherit false, set true', current_user);
    end if;
    -- Roles an administrator created (the analysts' of V2; any, where the migrations once ran as the
    -- administrator): the owner sets their passwords, so it needs ADMIN on them; it acts as ops (V20).
    foreach role in array array['movie_ratings_analyst', 'movie_ratings_command', 'movie_ratings_relay',
                                'movie_ratings_projector', 'movie_ratings_query'] loop
        if exists (select 1 from pg_roles where rolname = role) then
            execute format('grant %I to movie_ratings_owner with admin option, inherit false, set false', role);
        end if;
    end loop;
    if exists (select 1 from pg_roles where rolname = 'movie_ratings_ops') then
        grant movie_ratings_ops to movie_ratings_owner with admin option, inherit true, set true;
    end if;
    -- Owning the database lets the owner create schemas and trusted extensions and set database defaults.
    execute format('alter database %I owner to movie_ratings_owner', current_database());
end
$$;

-- Title search's extensions, created here so the administrator owns their functions and can make their
-- operators' cost honest (V10 does the same where it can; the owner cannot alter what it does not own).
create extension if not exists pg_trgm;
create extension if not exists unaccent;
do $$
begin
    alter function word_similarity_op(text, text) cost 100;
    alter function word_similarity_commutator_op(text, text) cost 100;
exception when insufficient_privilege then
    raise notice 'pg_trgm''s operator costs left as they are: %', sqlerrm;
end
$$;

-- Objects an earlier version created as the administrator (the migrations ran as it) pass to the owner.
do $$
declare
    object record;
begin
    for object in
        select format('alter %s %s owner to movie_ratings_owner',
                      case c.relkind when 'v' then 'view' when 'm' then 'materialized view' else 'table' end,
                      c.oid::regclass) as statement
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'projection', 'analytics', 'ops')
          and c.relkind in ('r', 'p', 'v', 'm')
          and c.relowner <> 'movie_ratings_owner'::regrole
          and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
        union all
        select format('alter routine %s owner to movie_ratings_owner', p.oid::regprocedure)
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'projection', 'analytics', 'ops')
          and p.proowner <> 'movie_ratings_owner'::regrole
          and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
        union all
        select format('alter schema %I owner to movie_ratings_owner', n.nspname)
        from pg_namespace n
        where n.nspname in ('projection', 'analytics', 'ops')
          and n.nspowner <> 'movie_ratings_owner'::regrole
    loop
        execute object.statement;
    end loop;
end
$$;
