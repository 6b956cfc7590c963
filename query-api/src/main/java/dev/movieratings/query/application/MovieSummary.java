package dev.movieratings.query.application;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A movie as lists show it. Scores are null while the movie has no ratings; the average is also null,
 * with {@code averageHidden} set, while it has fewer ratings than the minimum for showing one.
 */
public record MovieSummary(
        long id,
        String title,
        @Nullable Integer year,
        List<String> genres,
        long ratingCount,
        @Nullable Double averageRating,
        boolean averageHidden,
        @Nullable Double weightedRating) {

    /** The title as people write it (see {@link DisplayTitle}); {@code title} stays as the catalogue has it. */
    public String displayTitle() {
        return DisplayTitle.of(title);
    }
}
