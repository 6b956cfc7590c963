package dev.movieratings.projection.infrastructure;

/**
 * The projector's tag statements (issue 19), for every set of projection tables ({@code {schema}}, as in
 * {@link ProjectionSql}). Three a batch, in this order, under the pairs' stream locks: the streams' rows (highest
 * version, newest erasure), then each tag's row (its highest own version wins; it is on when that event tagged and no
 * erasure of its stream is newer), then the erasures turn off the older tags of their streams. Whatever the order the
 * events arrive in, the rows end as {@link dev.movieratings.rating.tag.TagFold} folds them.
 */
final class TagSql {

    /** Users, movies, versions, erasure or not. */
    static final String APPLY_STREAMS = """
            insert into {schema}.tag_streams as s (user_id, movie_id, stream_version, erased_version)
            select user_id, movie_id, max(stream_version), coalesce(max(stream_version) filter (where erasure), 0)
            from unnest(?::text[], ?::bigint[], ?::int[], ?::boolean[]) as e(user_id, movie_id, stream_version, erasure)
            group by user_id, movie_id
            order by user_id, movie_id
            on conflict (user_id, movie_id) do update set
                stream_version = greatest(s.stream_version, excluded.stream_version),
                erased_version = greatest(s.erased_version, excluded.erased_version)""";

    /** Users, movies, tag ids (null for an erasure), versions, tagged or not. */
    static final String APPLY_TAGS = """
            with event as (
                select distinct on (user_id, movie_id, tag_id) *
                from unnest(?::text[], ?::bigint[], ?::uuid[], ?::int[], ?::boolean[])
                    as e(user_id, movie_id, tag_id, stream_version, tagged)
                where tag_id is not null
                order by user_id, movie_id, tag_id, stream_version desc)
            insert into {schema}.user_tags as t (user_id, movie_id, tag_id, stream_version, tagged)
            select e.user_id, e.movie_id, e.tag_id, e.stream_version,
                   e.tagged and e.stream_version > coalesce(s.erased_version, 0)
            from event e
            left join {schema}.tag_streams s on s.user_id = e.user_id and s.movie_id = e.movie_id
            order by e.user_id, e.movie_id, e.tag_id
            on conflict (user_id, movie_id, tag_id) do update set
                stream_version = excluded.stream_version, tagged = excluded.tagged
            where excluded.stream_version > t.stream_version""";

    /** Users and movies of the batch's erasures: their streams' older tags go off. */
    static final String APPLY_ERASURES = """
            update {schema}.user_tags t set tagged = false
            from {schema}.tag_streams s
            where s.user_id = t.user_id and s.movie_id = t.movie_id
              and t.tagged and t.stream_version < s.erased_version
              and (s.user_id, s.movie_id) in (select * from unnest(?::text[], ?::bigint[]))""";

    private TagSql() {}
}
