package dev.movieratings.query.application;

import java.util.Map;

/** A movie's page: its summary, the half-star histogram ("0.5" … "5.0") and how many reviews it has. */
public record MovieDetail(MovieSummary summary, Map<String, Long> histogram, long reviewCount) {}
