package dev.movieratings.projection.infrastructure;

import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.rating.Stars;
import dev.movieratings.rating.diary.DiaryEntry;
import dev.movieratings.rating.diary.DiaryProjection;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The diary's tables in one schema (live or a rebuild's shadow): at most two statements a batch, the
 * erasures' first, so an entry event in the same batch as its stream's erasure is already held back.
 */
final class DiaryWriter {

    /** The erasures' marks (the highest version per stream), and the entries they hide deleted. */
    private static final String ERASE = """
            with marks as (
                insert into {schema}.diary_erasures as x (user_id, movie_id, stream_version)
                select * from unnest(?::text[], ?::bigint[], ?::int[])
                on conflict (user_id, movie_id) do update
                    set stream_version = greatest(x.stream_version, excluded.stream_version))
            delete from {schema}.diary_entries d
            using unnest(?::text[], ?::bigint[], ?::int[]) as e(user_id, movie_id, stream_version)
            where d.user_id = e.user_id and d.movie_id = e.movie_id and d.stream_version < e.stream_version""";

    /**
     * Each entry's newest event of the batch: written unless an erasure of its stream is newer, kept only
     * if newer than the row (a tombstone included).
     */
    private static final String APPLY = """
            insert into {schema}.diary_entries as d (entry_id, user_id, movie_id, stream_version, watched_on, rewatch,
                                                     stars, logged_at, updated_at)
            select e.* from unnest(?::uuid[], ?::text[], ?::bigint[], ?::int[], ?::date[], ?::boolean[], ?::numeric[],
                                   ?::timestamptz[], ?::timestamptz[])
                as e(entry_id, user_id, movie_id, stream_version, watched_on, rewatch, stars, logged_at, updated_at)
            where not exists (select 1 from {schema}.diary_erasures x
                              where x.user_id = e.user_id and x.movie_id = e.movie_id
                                and x.stream_version > e.stream_version)
            order by e.entry_id
            on conflict (entry_id) do update set
                stream_version = excluded.stream_version, watched_on = excluded.watched_on,
                rewatch = excluded.rewatch, stars = excluded.stars, logged_at = excluded.logged_at,
                updated_at = excluded.updated_at
            where excluded.stream_version > d.stream_version""";

    private final JdbcClient jdbc;
    private final String erase;
    private final String apply;

    DiaryWriter(JdbcClient jdbc, String schema) {
        this.jdbc = jdbc;
        this.erase = ProjectionSql.inSchema(ERASE, schema);
        this.apply = ProjectionSql.inSchema(APPLY, schema);
    }

    void write(List<RatingEvent> events) {
        Map<String, RatingErased> erasures = new LinkedHashMap<>();
        Map<UUID, DiaryEntry> entries = new LinkedHashMap<>();
        for (RatingEvent event : events) {
            if (event instanceof RatingErased erased) {
                erasures.merge(
                        erased.userId() + "\u0000" + erased.movieId(),
                        erased,
                        (a, b) -> a.streamVersion() >= b.streamVersion() ? a : b);
            } else if (event instanceof DiaryEvent diary) {
                // the batch's newest event per entry, by the projection's own rule (the table then decides)
                DiaryProjection.apply(entries.get(diary.entryId()), 0, diary)
                        .ifPresent(after -> entries.put(after.entryId(), after));
            }
        }
        if (!erasures.isEmpty()) {
            Collection<RatingErased> marks = erasures.values();
            SqlArrayValue users = texts(marks.stream().map(RatingErased::userId));
            SqlArrayValue movies = texts(marks.stream().map(RatingErased::movieId));
            SqlArrayValue versions = texts(marks.stream().map(RatingErased::streamVersion));
            jdbc.sql(erase)
                    .params(users, movies, versions, users, movies, versions)
                    .update();
        }
        if (!entries.isEmpty()) {
            Collection<DiaryEntry> rows = entries.values();
            jdbc.sql(apply)
                    .params(
                            texts(rows.stream().map(DiaryEntry::entryId)),
                            texts(rows.stream().map(DiaryEntry::userId)),
                            texts(rows.stream().map(DiaryEntry::movieId)),
                            texts(rows.stream().map(DiaryEntry::version)),
                            texts(rows.stream().map(DiaryEntry::watchedOn)),
                            texts(rows.stream().map(DiaryEntry::rewatch)),
                            texts(rows.stream()
                                    .map(row -> row.stars() == null
                                            ? null
                                            : Stars.of(row.stars()).decimal())),
                            texts(rows.stream().map(DiaryEntry::loggedAt)),
                            texts(rows.stream().map(DiaryEntry::updatedAt)))
                    .update();
        }
    }

    private static SqlArrayValue texts(Stream<?> values) {
        return new SqlArrayValue(
                "text",
                values.map(value -> value == null ? null : value.toString()).toArray());
    }
}
