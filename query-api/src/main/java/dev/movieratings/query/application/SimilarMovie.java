package dev.movieratings.query.application;

import org.jspecify.annotations.Nullable;

/**
 * A movie liked by the same people: {@code coLikes} users like both (rated them 4.0 or more), and
 * {@code similarity} is coLikes / sqrt(likes of one · likes of the other), rounded to four places.
 */
public record SimilarMovie(
        long id,
        String title,
        String displayTitle,
        @Nullable Integer year,
        double similarity,
        int coLikes) {}
