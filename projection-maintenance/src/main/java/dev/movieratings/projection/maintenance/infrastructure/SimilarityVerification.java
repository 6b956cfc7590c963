package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.rating.projection.ProjectionFold;
import dev.movieratings.rating.projection.UserRating;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Similar movies' part of verify, computed in Java from the fold's current ratings by the definition: for each
 * movie, its likers' other likes counted. Pairs of a movie marked stale are left out (their refresh is due, by
 * design not yet done); every other stored pair must be exactly the computed one, and no computed one missing.
 */
final class SimilarityVerification {

    static final int MINIMUM_CO_LIKES = 5;

    private SimilarityVerification() {}

    static void compare(JdbcTemplate jdbc, ProjectionFold fold, List<VerificationReport.Difference> differences) {
        Set<Long> stale =
                new HashSet<>(jdbc.queryForList("select movie_id from projection.similarity_stale", Long.class));
        Map<String, String> expected = new TreeMap<>();
        expected(fold).forEach((key, value) -> {
            if (!stale.contains(key[0]) && !stale.contains(key[1])) {
                expected.put(key[0] + " ~ " + key[1], value);
            }
        });
        Map<String, String> actual = new TreeMap<>();
        jdbc.query(
                "select movie_id, similar_id, co_likes, movie_likes, similar_likes from projection.similar_movies",
                rs -> {
                    long movie = rs.getLong(1);
                    long similar = rs.getLong(2);
                    if (!stale.contains(movie) && !stale.contains(similar)) {
                        actual.put(movie + " ~ " + similar, describe(rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                    }
                });
        expected.forEach((key, value) -> {
            String found = actual.get(key);
            if (!value.equals(found)) {
                differences.add(new VerificationReport.Difference(
                        "similar_movies", "movie " + key, value, found == null ? "no row" : found));
            }
        });
        actual.forEach((key, value) -> {
            if (!expected.containsKey(key)) {
                differences.add(new VerificationReport.Difference("similar_movies", "movie " + key, "no row", value));
            }
        });
    }

    /** Every ordered pair with enough co-likes: {movie, similar} to its description. */
    private static Map<long[], String> expected(ProjectionFold fold) {
        Map<String, List<Long>> likesOf = new HashMap<>();
        for (UserRating rating : fold.streams()) {
            if (rating.likes()) {
                likesOf.computeIfAbsent(rating.userId(), u -> new ArrayList<>()).add(rating.movieId());
            }
        }
        Map<Long, List<String>> likers = new HashMap<>();
        likesOf.forEach((user, movies) -> movies.forEach(
                movie -> likers.computeIfAbsent(movie, m -> new ArrayList<>()).add(user)));
        Map<long[], String> pairs = new LinkedHashMap<>();
        for (Map.Entry<Long, List<String>> movie : likers.entrySet()) {
            Map<Long, Integer> coLikes = new HashMap<>();
            for (String user : movie.getValue()) {
                for (long other : likesOf.getOrDefault(user, List.of())) {
                    if (other != movie.getKey()) {
                        coLikes.merge(other, 1, Integer::sum);
                    }
                }
            }
            coLikes.forEach((other, count) -> {
                if (count >= MINIMUM_CO_LIKES) {
                    pairs.put(
                            new long[] {movie.getKey(), other},
                            describe(
                                    count,
                                    movie.getValue().size(),
                                    likers.getOrDefault(other, List.of()).size()));
                }
            });
        }
        return pairs;
    }

    private static String describe(long coLikes, long movieLikes, long similarLikes) {
        return "co-likes " + coLikes + ", likes " + movieLikes + " and " + similarLikes;
    }
}
