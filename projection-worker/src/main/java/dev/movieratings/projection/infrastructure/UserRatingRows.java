package dev.movieratings.projection.infrastructure;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.movieratings.events.Review;
import dev.movieratings.rating.Stars;
import dev.movieratings.rating.projection.UserRating;

/** Reading and writing projection rows shared by the live projector and the rebuild. */
final class UserRatingRows {

    static String upsert(String schema) {
        return "insert into " + schema + ".user_ratings as r (user_id, movie_id, stream_version, stars, review_text,"
            + " review_spoiler, rated_since, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (user_id, movie_id) do update set stream_version = excluded.stream_version, stars = excluded.stars,"
            + " review_text = excluded.review_text, review_spoiler = excluded.review_spoiler, rated_since = excluded.rated_since,"
            + " updated_at = excluded.updated_at";
    }

    private UserRatingRows() {
    }

    static UserRating read(ResultSet rs) throws SQLException {
        BigDecimal stars = rs.getBigDecimal("stars");
        String text = rs.getString("review_text");
        return new UserRating(rs.getString("user_id"), rs.getLong("movie_id"), rs.getInt("stream_version"),
                stars == null ? null : Stars.of(stars),
                text == null ? null : new Review(text, rs.getBoolean("review_spoiler")),
                instant(rs.getTimestamp("rated_since")), instant(rs.getTimestamp("updated_at")));
    }

    static Object[] upsertParameters(UserRating rating) {
        return new Object[] {rating.userId(), rating.movieId(), rating.version(),
                rating.isCurrent() ? rating.stars().decimal() : null,
                rating.hasReview() ? rating.review().text() : null,
                rating.hasReview() ? rating.review().spoiler() : null,
                rating.ratedSince() == null ? null : Timestamp.from(rating.ratedSince()),
                Timestamp.from(rating.updatedAt())};
    }

    static String histogramLiteral(long[] histogram) {
        return Arrays.stream(histogram).mapToObj(Long::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
