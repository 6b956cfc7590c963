package dev.movieratings.projection.maintenance.application;

/** Rebuilds projections from the event table, without downtime: every one, or one by name. */
public interface ProjectionRebuilder {

    RebuildReport rebuild(Projection projection, RebuildProgress progress);

    default RebuildReport rebuildAll(RebuildProgress progress) {
        return rebuild(Projection.ALL, progress);
    }
}
