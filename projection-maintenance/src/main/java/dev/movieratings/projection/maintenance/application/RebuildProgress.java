package dev.movieratings.projection.maintenance.application;

/** Hears how far a rebuild has come. */
public interface RebuildProgress {

    RebuildProgress SILENT = new RebuildProgress() {};

    default void folded(long events, long total) {}

    default void phase(String description) {}
}
