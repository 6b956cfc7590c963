package dev.movieratings.local;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the clients know they did: the last accepted command of each (user, movie), kept by the test
 * itself, independent of every line of projection code. From it follow each movie's exact score.
 */
final class RatingModel {

    private final Map<String, BigDecimal> current = new ConcurrentHashMap<>();

    void rated(String user, long movie, BigDecimal stars) {
        current.put(user + "/" + movie, stars);
    }

    void withdrew(String user, long movie) {
        current.remove(user + "/" + movie);
    }

    boolean hasRating(String user, long movie) {
        return current.containsKey(user + "/" + movie);
    }

    /** "count=…, sum=…, histogram=[…]" for a movie, in the form {@link #describe} uses for the projection too. */
    String expectedScore(long movie) {
        long[] histogram = new long[10];
        BigDecimal sum = BigDecimal.ZERO;
        long count = 0;
        for (Map.Entry<String, BigDecimal> entry : current.entrySet()) {
            if (entry.getKey().endsWith("/" + movie)) {
                count++;
                sum = sum.add(entry.getValue());
                histogram[entry.getValue().multiply(BigDecimal.valueOf(2)).intValueExact() - 1]++;
            }
        }
        return describe(count, sum, histogram);
    }

    long currentRatings() {
        return current.size();
    }

    static String describe(long count, BigDecimal sum, long[] histogram) {
        return "count=" + count + ", sum=" + sum.stripTrailingZeros().toPlainString() + ", histogram="
                + Arrays.toString(histogram);
    }

    static String projectedScore(LocalRuntimeClient client, long movie) {
        return client.jdbc()
                .sql("select rating_count, stars_sum, histogram from projection.movie_scores where movie_id = ?")
                .param(movie)
                .query((rs, n) -> describe(
                        rs.getLong(1),
                        rs.getBigDecimal(2),
                        Arrays.stream((Long[]) rs.getArray(3).getArray())
                                .mapToLong(Long::longValue)
                                .toArray()))
                .optional()
                .orElse(describe(0, BigDecimal.ZERO, new long[10]));
    }
}
