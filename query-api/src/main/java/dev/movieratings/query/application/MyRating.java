package dev.movieratings.query.application;

import java.time.Instant;

/** One of the caller's current ratings, with the stream version a client can compare with its own write. */
public record MyRating(
        long movieId,
        String title,
        String displayTitle,
        Integer year,
        double stars,
        String reviewText,
        Boolean reviewSpoiler,
        Instant ratedSince,
        Instant updatedAt,
        int streamVersion) {}
