package dev.movieratings.query.infrastructure;

import dev.movieratings.query.application.MovieQueries.InvalidCursor;
import dev.movieratings.query.application.Page;
import dev.movieratings.query.application.ReviewSort;
import dev.movieratings.query.application.ReviewView;
import dev.movieratings.rating.profile.DisplayName;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A film's reviews, newest or most helpful first (issue 20), keyset paged with sealed cursors bound to the film and
 * the order. A review is a current rating with a review (review_spoiler not null) whose text the personal store
 * holds under the same stream version; its id and the time its text was written come from there too, and its
 * helpful count from the count the projector stores per review (projection.helpful_counts, V121; none: 0).
 * sort=helpful walks in two parts, each an index walk: the reviews with votes, most first (helpful_counts_most; a
 * count's ties sorted by write time and author as the walk reaches them), then those without, newest first
 * (review_texts_newest), exactly the order helpfulCount, writtenAt, author. A vote cast between two pages can move a
 * review across the page boundary of sort=helpful, as any keyset over a changing key.
 */
final class JdbcReviews {

    private static final String COLUMNS = """
            select r.user_id, coalesce(p.display_name, :anonymous) as author, r.stars, t.text, r.review_spoiler,
                   r.rated_since, r.updated_at, t.review_id, t.written_at, t.written_at::text as written_text,
                   coalesce(c.helpful_count, 0) as helpful_count
            """;

    /** Every review of the film, for newest first; with WITHOUT_VOTES only those without a vote that counts. */
    private static final String NEWEST = COLUMNS + """
            from personal.review_texts t
            join projection.user_ratings r
                on r.user_id = t.user_id and r.movie_id = t.movie_id and r.stream_version = t.stream_version
            left join personal.profiles p on p.user_id = r.user_id
            left join projection.helpful_counts c on c.review_id = t.review_id
            where t.movie_id = :movie and r.review_spoiler is not null""";

    private static final String WITHOUT_VOTES = " and (c.helpful_count is null or c.helpful_count = 0)";
    private static final String AFTER_NEWEST = " and (t.written_at, t.user_id) < (cast(:t as timestamptz), :u)";
    private static final String NEWEST_ORDER = " order by t.written_at desc, t.user_id desc limit :limit";

    /** The film's reviews with votes that count, most first. */
    private static final String VOTED = COLUMNS + """
            from projection.helpful_counts c
            join personal.review_texts t on t.review_id = c.review_id
            join projection.user_ratings r
                on r.user_id = t.user_id and r.movie_id = t.movie_id and r.stream_version = t.stream_version
            left join personal.profiles p on p.user_id = r.user_id
            where c.movie_id = :movie and c.helpful_count > 0 and t.movie_id = :movie
              and r.review_spoiler is not null""";

    private static final String AFTER_VOTED =
            " and (c.helpful_count, t.written_at, t.user_id)" + " < (cast(:n as bigint), cast(:t as timestamptz), :u)";
    private static final String VOTED_ORDER =
            " order by c.helpful_count desc, t.written_at desc, t.user_id desc limit :limit";

    private static final String VOTES_OF = """
            select review_id from projection.helpful_votes
            where voter = ? and movie_id = ? and counted
            order by review_id""";

    private final JdbcClient jdbc;
    private final Cursors cursors;

    JdbcReviews(JdbcClient jdbc, Cursors cursors) {
        this.jdbc = jdbc;
        this.cursors = cursors;
    }

    Page<ReviewView> page(long movieId, ReviewSort sort, int limit, @Nullable String cursor) {
        byte[] list = Cursors.scope("reviews", movieId, sort.parameter());
        Map<String, String> after = cursor == null ? null : cursors.decode(list, cursor);
        boolean helpful = sort == ReviewSort.HELPFUL;
        // the text is personal content, kept only in the personal store under the version that wrote it:
        // while the projection lags behind a newer version, that review is left out rather than mismatched
        List<Row> rows;
        if (!helpful) {
            rows = rows(NEWEST + (after == null ? "" : AFTER_NEWEST) + NEWEST_ORDER, movieId, limit + 1, after, false);
        } else {
            long count = after == null ? Long.MAX_VALUE : count(Cursors.required(after, "n"));
            rows = new ArrayList<>();
            if (count > 0) {
                rows.addAll(rows(
                        VOTED + (after == null ? "" : AFTER_VOTED) + VOTED_ORDER, movieId, limit + 1, after, true));
            }
            if (rows.size() <= limit) {
                // past the reviews with votes: those without, newest first (after the cursor's if it was one of them)
                rows.addAll(rows(
                        NEWEST + WITHOUT_VOTES + (count == 0 ? AFTER_NEWEST : "") + NEWEST_ORDER,
                        movieId,
                        limit + 1 - rows.size(),
                        count == 0 ? after : null,
                        false));
            }
        }
        String next = null;
        if (rows.size() > limit) {
            Row last = rows.get(limit - 1);
            next = helpful
                    ? cursors.encode(
                            list,
                            Map.of(
                                    "n",
                                    Long.toString(last.review().helpfulCount()),
                                    "t",
                                    last.written(),
                                    "u",
                                    last.userId()))
                    : cursors.encode(list, Map.of("t", last.written(), "u", last.userId()));
            rows = rows.subList(0, limit);
        }
        return new Page<>(rows.stream().map(Row::review).toList(), next);
    }

    private record Row(ReviewView review, String written, String userId) {}

    private List<Row> rows(String sql, long movieId, int limit, @Nullable Map<String, String> after, boolean counted) {
        var statement = jdbc.sql(sql)
                // never the user id: a reviewer without a display name shows as the name nobody may choose
                .param("anonymous", DisplayName.NONE)
                .param("movie", movieId)
                .param("limit", limit);
        if (after != null) {
            statement = statement
                    .param("t", timestamp(Cursors.required(after, "t")))
                    .param("u", Cursors.required(after, "u"));
            if (counted) {
                statement = statement.param("n", count(Cursors.required(after, "n")));
            }
        }
        return statement
                .query((rs, n) -> new Row(
                        new ReviewView(
                                rs.getString("author"),
                                rs.getBigDecimal("stars").doubleValue(),
                                rs.getString("text"),
                                rs.getBoolean("review_spoiler"),
                                instant(rs.getTimestamp("rated_since")),
                                rs.getTimestamp("updated_at").toInstant(),
                                rs.getObject("review_id", UUID.class),
                                rs.getTimestamp("written_at").toInstant(),
                                rs.getLong("helpful_count")),
                        rs.getString("written_text"),
                        rs.getString("user_id")))
                .list();
    }

    List<UUID> votesOf(String userId, long movieId) {
        return jdbc.sql(VOTES_OF).params(userId, movieId).query(UUID.class).list();
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A sealed cursor's values are the service's own, but are checked anyway before they reach SQL. */
    private static String timestamp(String value) {
        if (!value.matches("[0-9: .+\\-]{10,40}")) {
            throw new InvalidCursor();
        }
        return value;
    }

    private static long count(String value) {
        if (!value.matches("[0-9]{1,18}")) {
            throw new InvalidCursor();
        }
        return Long.parseLong(value);
    }
}
