package dev.movieratings.projection.maintenance.infrastructure;

/**
 * The rebuild's fold of the tag streams (issue 19), set-based, as {@link dev.movieratings.rating.tag.TagFold} folds
 * them: the streams first (highest version, newest erasure's version), then each tag's newest own event, on when it
 * tagged and is newer than its stream's erasure. Events in {@code excluded} are left out, as in the ratings' fold (a
 * one-projection rebuild folds only what the live projections hold). An event of the stream the fold cannot read
 * stops the rebuild.
 */
final class TagRebuildSql {

    /** Parameters: the untagging type, the highest position. */
    static final String STREAMS = """
            insert into projection_rebuild.tag_streams (user_id, movie_id, stream_version, erased_version)
            select user_id, movie_id, max(stream_version),
                   coalesce(max(stream_version)
                            filter (where event_type = ? and payload ->> 'erasureId' is not null), 0)
            from rating_events e
            where stream = 'tag' and position <= ?
              and not exists (select 1 from projection_rebuild.excluded x where x.position = e.position)
            group by user_id, movie_id""";

    /** Parameters: the tagging type and its highest schema version, the untagging's, the highest position. */
    static final String TAGS = """
            insert into projection_rebuild.user_tags (user_id, movie_id, tag_id, stream_version, tagged)
            select t.user_id, t.movie_id, t.tag_id, t.stream_version,
                   case when t.event_type = ? and t.schema_version between 1 and ?
                            then t.stream_version > s.erased_version
                        when t.event_type = ? and t.schema_version between 1 and ? then false
                        else ('event at position ' || t.position || ' has unknown type ' || t.event_type
                              || ' or schema version ' || t.schema_version)::boolean end
            from (select distinct on (user_id, movie_id, payload ->> 'tagId')
                         user_id, movie_id, (payload ->> 'tagId')::uuid as tag_id, stream_version, event_type,
                         schema_version, position
                  from rating_events e
                  where stream = 'tag' and position <= ? and payload ->> 'tagId' is not null
                    and not exists (select 1 from projection_rebuild.excluded x where x.position = e.position)
                  order by user_id, movie_id, payload ->> 'tagId', stream_version desc) t
            join projection_rebuild.tag_streams s on s.user_id = t.user_id and s.movie_id = t.movie_id""";

    private TagRebuildSql() {}
}
