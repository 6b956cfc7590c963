package dev.movieratings.rating.projection;

import dev.movieratings.rating.Stars;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** A movie's score as the projection keeps it: count, exact sum, half-star histogram and review count. */
public final class MovieScore {

    private final long movieId;
    private long ratingCount;
    private long halvesSum;
    private final long[] histogram = new long[Stars.MAX_HALVES];
    private long reviewCount;

    public MovieScore(long movieId) {
        this.movieId = movieId;
    }

    public MovieScore(long movieId, long ratingCount, long halvesSum, long[] histogram, long reviewCount) {
        this(movieId);
        this.ratingCount = ratingCount;
        this.halvesSum = halvesSum;
        System.arraycopy(histogram, 0, this.histogram, 0, Stars.MAX_HALVES);
        this.reviewCount = reviewCount;
    }

    public MovieScore add(ScoreDelta delta) {
        ratingCount += delta.ratingCount();
        halvesSum += delta.halvesSum();
        if (delta.removedBucket() != ScoreDelta.NO_BUCKET) {
            histogram[delta.removedBucket()]--;
        }
        if (delta.addedBucket() != ScoreDelta.NO_BUCKET) {
            histogram[delta.addedBucket()]++;
        }
        reviewCount += delta.reviewCount();
        return this;
    }

    public long movieId() {
        return movieId;
    }

    public long ratingCount() {
        return ratingCount;
    }

    public long halvesSum() {
        return halvesSum;
    }

    public BigDecimal starsSum() {
        return BigDecimal.valueOf(halvesSum * 5L, 1);
    }

    public long[] histogram() {
        return histogram.clone();
    }

    public long reviewCount() {
        return reviewCount;
    }

    /** The mean in stars, or null while the movie has no ratings. */
    public @Nullable BigDecimal average() {
        return ratingCount == 0 ? null : starsSum().divide(BigDecimal.valueOf(ratingCount), 10, RoundingMode.HALF_EVEN);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MovieScore that
                && movieId == that.movieId
                && ratingCount == that.ratingCount
                && halvesSum == that.halvesSum
                && reviewCount == that.reviewCount
                && Arrays.equals(histogram, that.histogram);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(movieId) * 31 + Long.hashCode(halvesSum);
    }

    @Override
    public String toString() {
        return "MovieScore[movie=" + movieId + ", count=" + ratingCount + ", sum=" + starsSum() + ", histogram="
                + Arrays.toString(histogram) + ", reviews=" + reviewCount + "]";
    }
}
