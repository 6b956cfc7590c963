package dev.movieratings.query.application;

import java.time.Instant;

public record ReviewView(
        String author, double stars, String text, boolean spoiler, Instant createdAt, Instant updatedAt) {}
