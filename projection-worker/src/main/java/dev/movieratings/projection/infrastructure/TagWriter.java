package dev.movieratings.projection.infrastructure;

import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.RatingEvent;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/** The tag tables in one schema (live or a rebuild's shadow): see {@link TagSql}. */
final class TagWriter {

    private final JdbcClient jdbc;
    private final String streams;
    private final String tags;
    private final String erasures;

    TagWriter(JdbcClient jdbc, String schema) {
        this.jdbc = jdbc;
        this.streams = ProjectionSql.inSchema(TagSql.APPLY_STREAMS, schema);
        this.tags = ProjectionSql.inSchema(TagSql.APPLY_TAGS, schema);
        this.erasures = ProjectionSql.inSchema(TagSql.APPLY_ERASURES, schema);
    }

    void write(List<RatingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.sql(streams)
                .params(
                        texts(events.stream().map(RatingEvent::userId)),
                        texts(events.stream().map(RatingEvent::movieId)),
                        texts(events.stream().map(RatingEvent::streamVersion)),
                        texts(events.stream().map(TagWriter::isErasure)))
                .update();
        jdbc.sql(tags)
                .params(
                        texts(events.stream().map(RatingEvent::userId)),
                        texts(events.stream().map(RatingEvent::movieId)),
                        texts(events.stream().map(TagWriter::tagId)),
                        texts(events.stream().map(RatingEvent::streamVersion)),
                        texts(events.stream().map(event -> event instanceof MovieTagged)))
                .update();
        List<RatingEvent> erased = events.stream().filter(TagWriter::isErasure).toList();
        if (!erased.isEmpty()) {
            jdbc.sql(erasures)
                    .params(
                            texts(erased.stream().map(RatingEvent::userId)),
                            texts(erased.stream().map(RatingEvent::movieId)))
                    .update();
        }
    }

    private static boolean isErasure(RatingEvent event) {
        return event instanceof MovieUntagged untagged && untagged.erasureId() != null;
    }

    private static @Nullable Object tagId(RatingEvent event) {
        if (event instanceof MovieTagged tagged) {
            return tagged.tagId();
        }
        return event instanceof MovieUntagged untagged ? untagged.tagId() : null;
    }

    private static SqlArrayValue texts(Stream<?> values) {
        return new SqlArrayValue(
                "text",
                values.map(value -> value == null ? null : value.toString()).toArray());
    }
}
