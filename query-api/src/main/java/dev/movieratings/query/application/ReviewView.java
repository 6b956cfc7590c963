package dev.movieratings.query.application;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

public record ReviewView(
        String author,
        double stars,
        String text,
        boolean spoiler,
        @Nullable Instant createdAt,
        Instant updatedAt) {}
