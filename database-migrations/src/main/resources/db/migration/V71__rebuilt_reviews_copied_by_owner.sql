-- A rebuild of the reviews projection alone (ops rebuild --projection reviews, issue 17) copies two columns
-- from the shadow tables into the live ones, which share those tables with the scores and the ratings. The
-- live tables are the owner's and ops may only read them, so ops asks the owner through this function, as
-- it asks ops.swap_in_rebuilt_projections for whole tables. Must run in the transaction that locked the
-- live tables. The shadow tables are ops': each must be a plain table without triggers, rules or row
-- security, or code of ops' choosing would run with the owner's rights while the copy reads it.
create function ops.copy_rebuilt_reviews() returns void
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    name text;
    shadow regclass;
begin
    foreach name in array array['user_ratings', 'movie_scores'] loop
        shadow := to_regclass(format('projection_rebuild.%I', name));
        if shadow is null then
            raise exception 'no shadow table % to copy the reviews from', name;
        end if;
        if (select c.relkind <> 'r' or c.relrowsecurity from pg_class c where c.oid = shadow)
           or exists (select 1 from pg_trigger where tgrelid = shadow)
           or exists (select 1 from pg_rewrite where ev_class = shadow) then
            raise exception 'shadow table % is not a plain table: refused', name;
        end if;
    end loop;
    update projection.user_ratings l set review_spoiler = s.review_spoiler
    from projection_rebuild.user_ratings s
    where s.user_id = l.user_id and s.movie_id = l.movie_id
      and l.review_spoiler is distinct from s.review_spoiler;
    update projection.movie_scores l set review_count = s.review_count
    from projection_rebuild.movie_scores s
    where s.movie_id = l.movie_id and l.review_count <> s.review_count;
end
$$;
revoke all on function ops.copy_rebuilt_reviews() from public;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'movie_ratings_ops') then
        grant execute on function ops.copy_rebuilt_reviews() to movie_ratings_ops;
    end if;
end
$$;
