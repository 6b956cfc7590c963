package dev.movieratings.projection.maintenance.application;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a rebuild can replace on its own, by the name operators type ({@code ops rebuild --projection scores}).
 * A projection added later gets a constant here and its tables (or columns) in the rebuild's swap.
 */
public enum Projection {
    ALL("every projection, with the watermark (parked events are folded in and count as replayed)"),
    SCORES("movie scores with their half-star histograms, and the global rating totals"),
    RATINGS("per-user ratings, each with its review"),
    REVIEWS("review texts and spoiler flags of the per-user ratings, and each movie's review count"),
    HISTORY("each movie's and all ratings' score history by day (the history chart and ?asOf= reads)"),
    SIMILAR("similar movies, computed afresh from the current likes, with no movie left marked stale"),
    DIARY("people's diaries: each viewing's latest state, and the erasures that hide older ones"),
    WATCHLIST("each person's watchlist, with the rule that rating a film takes it off"),
    HELPFUL("helpful votes on reviews, with the rule that the end of a review ends its votes"),
    TAGS("each person's tags on each film (which are on) and each tag stream's version and erasure");

    private final String description;

    Projection(String description) {
        this.description = description;
    }

    public String projectionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** @throws IllegalArgumentException naming the bad name and the good ones */
    public static Projection named(String name) {
        return Arrays.stream(values())
                .filter(p -> p.projectionName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("there is no projection '" + name + "'; one of "
                        + Arrays.stream(values())
                                .map(Projection::projectionName)
                                .collect(Collectors.joining(", "))));
    }
}
