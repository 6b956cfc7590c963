package dev.movieratings.query.application;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One of the caller's current ratings, with the stream version a client can compare with its own write, and the
 * identity of its review (null without one): the film's page knows by it which review is the caller's own and
 * offers no "Helpful" vote there, while the public reviews list carries no reviewer ids (issue 16).
 */
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
        int streamVersion,
        @Nullable UUID reviewId) {}
