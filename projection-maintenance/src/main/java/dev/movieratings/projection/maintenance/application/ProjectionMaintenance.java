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

    /**
     * Every projection is rebuilt: scores, reviews and per-user ratings come from one fold and are swapped
     * in together, so there is no rebuilding one of them on its own.
     */
    public RebuildReport rebuildAll(RebuildProgress progress) {
        return rebuilder.rebuildAll(progress);
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
