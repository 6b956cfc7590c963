package dev.movieratings.projection.maintenance.application;

/** Rebuilds every projection from the event table, without downtime. */
public interface ProjectionRebuilder {

    RebuildReport rebuildAll(RebuildProgress progress);
}
