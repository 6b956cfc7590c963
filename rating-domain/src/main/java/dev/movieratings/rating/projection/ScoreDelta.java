package dev.movieratings.rating.projection;

import java.math.BigDecimal;

/**
 * How one stream change moves its movie's score: rating count, sum (in half stars, so it stays
 * exact), one histogram bucket out and one in, and the review count.
 */
public record ScoreDelta(
        long movieId, int ratingCount, int halvesSum, int removedBucket, int addedBucket, int reviewCount) {

    public static final int NO_BUCKET = -1;

    public BigDecimal starsSum() {
        return BigDecimal.valueOf(halvesSum * 5L, 1);
    }

    public boolean changesScore() {
        return ratingCount != 0 || halvesSum != 0 || removedBucket != addedBucket || reviewCount != 0;
    }
}
