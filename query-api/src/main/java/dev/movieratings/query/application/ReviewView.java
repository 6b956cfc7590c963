package dev.movieratings.query.application;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A review as the film's page lists it. {@code reviewId} survives edits of the text; {@code writtenAt} is when the
 * text was last written (the rating's {@code updatedAt} also moves with the stars); {@code helpfulCount} counts the
 * helpful votes of other people that stand (issue 20).
 */
public record ReviewView(
        String author,
        double stars,
        String text,
        boolean spoiler,
        @Nullable Instant createdAt,
        Instant updatedAt,
        UUID reviewId,
        Instant writtenAt,
        long helpfulCount) {}
