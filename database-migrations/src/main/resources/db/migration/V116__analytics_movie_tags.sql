-- The analysts' view of tags (issue 19 item 5), added the V112 way: analytics.create_views_tags(), run by
-- analytics.create_views() now and after every rebuild's swap.
-- A film's tags as its page shows them: counted by key (case and Unicode form folded), each in its commonest
-- spelling, only tags that are on. Aggregated: no user id, so no tag can be tied to a person here; an erased person's
-- tags are gone from it with their rows in personal.tags.
create function analytics.create_views_tags() returns void
    language plpgsql
    set search_path = public, pg_temp
as $fn$
begin
    execute $v$
        create or replace view analytics.movie_tags as
        select t.movie_id,
               m.title,
               mode() within group (order by p.text) as tag,
               p.key                                 as tag_key,
               count(*)                              as people
        from projection.user_tags t
        join personal.tags p on p.tag_id = t.tag_id
        join movies m on m.movie_id = t.movie_id
        where t.tagged
        group by t.movie_id, m.title, p.key
    $v$;
    comment on view analytics.movie_tags is
        'The tags people put on each film, one row per film and tag (counted case-insensitively), as the movie page'
        ' shows them; no user ids.';
    comment on column analytics.movie_tags.movie_id is 'Catalog id';
    comment on column analytics.movie_tags.title is 'Title as MovieLens writes it';
    comment on column analytics.movie_tags.tag is 'The tag in its commonest spelling on this film';
    comment on column analytics.movie_tags.tag_key is
        'The tag lower-cased and NFC-normalised: what the counts and GET /api/movies?tag= group by';
    comment on column analytics.movie_tags.people is 'People whose tag on the film it is, now';
end
$fn$;

revoke all on function analytics.create_views_tags() from public;

select analytics.create_views();
