package dev.movieratings.query.infrastructure;

import dev.movieratings.query.application.TagQueries;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tags from projection.user_tags (which are on) and personal.tags (their text), joined by tag id (V110). */
final class JdbcTagQueries implements TagQueries {

    private static final String TOP = """
            select mode() within group (order by p.text) as tag, count(*) as people
            from projection.user_tags t join personal.tags p on p.tag_id = t.tag_id
            where t.movie_id = ? and t.tagged
            group by p.key
            order by people desc, p.key
            limit ?""";
    private static final String MINE = """
            select p.text
            from projection.user_tags t join personal.tags p on p.tag_id = t.tag_id
            where t.user_id = ? and t.movie_id = ? and t.tagged
            order by p.key""";
    private static final String VERSION =
            "select coalesce(max(stream_version), 0) from projection.tag_streams where user_id = ? and movie_id = ?";

    private final JdbcClient jdbc;

    JdbcTagQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<TagCount> topTags(long movieId, int limit) {
        return jdbc.sql(TOP)
                .params(movieId, limit)
                .query((rs, row) -> new TagCount(rs.getString("tag"), rs.getLong("people")))
                .list();
    }

    @Override
    public MyTags tagsOf(String userId, long movieId) {
        // the version before the tags, as for ratings: a version this answer claims must be in its tags too
        int version =
                jdbc.sql(VERSION).params(userId, movieId).query(Integer.class).single();
        List<String> tags =
                jdbc.sql(MINE).params(userId, movieId).query(String.class).list();
        return new MyTags(movieId, tags, version);
    }
}
