package dev.movieratings.projection.maintenance.application;

/**
 * What operators do to the projections, whoever asks (the ops command line, the projectionOps Lambda,
 * the local runtime at its first start): rebuild them from the event table, and verify them against it.
 * New maintenance operations start here, over ports the infrastructure implements.
 */
public final class ProjectionMaintenance {

    private final ProjectionRebuilder rebuilder;
    private final ProjectionVerifier verifier;
    private final SimilarityRefresher similarity;

    public ProjectionMaintenance(
            ProjectionRebuilder rebuilder, ProjectionVerifier verifier, SimilarityRefresher similarity) {
        this.rebuilder = rebuilder;
        this.verifier = verifier;
        this.similarity = similarity;
    }

    /** Every projection is rebuilt and swapped in together, with the watermark. */
    public RebuildReport rebuildAll(RebuildProgress progress) {
        return rebuilder.rebuildAll(progress);
    }

    /**
     * One projection is rebuilt from exactly the events the live projections hold, and only it is swapped in;
     * the others, the watermark and the record of applied events stay as they are.
     */
    public RebuildReport rebuild(Projection projection, RebuildProgress progress) {
        return rebuilder.rebuild(projection, progress);
    }

    public RebuildReport rebuildAll() {
        return rebuildAll(RebuildProgress.SILENT);
    }

    public VerificationReport verify() {
        return verifier.verify();
    }

    /**
     * Similar movies are refreshed with bounded staleness rather than on every event (a like changes a pair
     * count for every other film its user likes): run on a schedule, this recomputes the movies marked since.
     */
    public SimilarityRefreshReport refreshSimilarMovies() {
        return similarity.refresh();
    }
}
