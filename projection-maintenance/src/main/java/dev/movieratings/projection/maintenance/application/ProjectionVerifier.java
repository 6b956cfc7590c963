package dev.movieratings.projection.maintenance.application;

/** Recomputes the projections from the events and compares them with the live tables. */
public interface ProjectionVerifier {

    VerificationReport verify();
}
