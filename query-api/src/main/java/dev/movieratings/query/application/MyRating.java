package dev.movieratings.query.application;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One of the caller's current ratings, with the stream version a client can compare with its own write. */
public record MyRating(
        long movieId,
        String title,
        String displayTitle,
        @Nullable Integer year,
        double stars,
        @Nullable String reviewText,
        @Nullable Boolean reviewSpoiler,
        @Nullable Instant ratedSince,
        Instant updatedAt,
        int streamVersion) {}
