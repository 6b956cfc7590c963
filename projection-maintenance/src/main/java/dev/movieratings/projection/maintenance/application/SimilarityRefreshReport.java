package dev.movieratings.projection.maintenance.application;

import java.time.Duration;

/**
 * One refresh of similar movies: how many stale movies it recomputed, how many pair rows (both directions) it
 * wrote for them, and how long it took; {@code skipped} when another refresh held the lock.
 */
public record SimilarityRefreshReport(int movies, long pairRows, Duration took, boolean skipped) {}
