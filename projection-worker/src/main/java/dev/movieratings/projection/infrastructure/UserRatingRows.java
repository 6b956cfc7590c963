package dev.movieratings.projection.infrastructure;

import dev.movieratings.events.Review;
import dev.movieratings.rating.Stars;
import dev.movieratings.rating.projection.UserRating;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Reading projection rows, for the projector and the verification (projection-maintenance). */
public final class UserRatingRows {

    private UserRatingRows() {}

    public static UserRating read(ResultSet rs) throws SQLException {
        BigDecimal stars = rs.getBigDecimal("stars");
        // the projections keep no review text (it is personal content): a review is there when it has a flag
        boolean spoiler = rs.getBoolean("review_spoiler");
        boolean reviewed = !rs.wasNull();
        return new UserRating(
                rs.getString("user_id"),
                rs.getLong("movie_id"),
                rs.getInt("stream_version"),
                stars == null ? null : Stars.of(stars),
                reviewed ? new Review(null, spoiler) : null,
                instant(rs.getTimestamp("rated_since")),
                rs.getTimestamp("updated_at").toInstant());
    }

    public static String histogramLiteral(long[] histogram) {
        return Arrays.stream(histogram).mapToObj(Long::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
