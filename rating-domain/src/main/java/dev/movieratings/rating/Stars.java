package dev.movieratings.rating;

import java.math.BigDecimal;

/** A rating in half stars: 0.5, 1.0, … 5.0, held as a count of halves (1–10) so sums stay exact. */
public record Stars(int halves) {

    public static final int MIN_HALVES = 1;
    public static final int MAX_HALVES = 10;

    public Stars {
        if (halves < MIN_HALVES || halves > MAX_HALVES) {
            throw new InvalidRating("stars", "stars must be a half star from 0.5 to 5.0");
        }
    }

    /** Digits after the point a half star may be written with (4.500… is 4.5). */
    static final int MAX_SCALE = 64;

    /**
     * Accepts exactly the half-star values; 3.3, 0, 5.5 and 4.55 are refused, 4.50 is 4.5. The value's
     * magnitude is judged from its scale and precision before any arithmetic, and the message never
     * quotes it: 1e999999999 is a few bytes that would print as a billion digits.
     */
    public static Stars of(BigDecimal value) {
        if (value.signum() <= 0 || value.scale() > MAX_SCALE || value.precision() - value.scale() > 1) {
            throw outOfRange();
        }
        BigDecimal doubled = value.multiply(BigDecimal.valueOf(2));
        if (doubled.compareTo(BigDecimal.valueOf(MAX_HALVES)) > 0
                || doubled.stripTrailingZeros().scale() > 0) {
            throw outOfRange();
        }
        return new Stars(doubled.intValueExact());
    }

    private static InvalidRating outOfRange() {
        return new InvalidRating("stars", "stars must be a half star from 0.5 to 5.0");
    }

    public static Stars of(double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidRating("stars", "stars must be a half star from 0.5 to 5.0");
        }
        return of(BigDecimal.valueOf(value));
    }

    public double value() {
        return halves / 2.0;
    }

    public BigDecimal decimal() {
        return BigDecimal.valueOf(halves * 5L, 1);
    }

    /** Index of this value in a half-star histogram: 0 for 0.5 … 9 for 5.0. */
    public int bucket() {
        return halves - 1;
    }
}
