package dev.movieratings.projection.application;

/** What applying one delivered event did. */
public enum ProjectionOutcome {
    /** The event moved its stream forward and its movie's score with it. */
    APPLIED,
    /** A newer event of the stream was already applied; recorded, changes nothing. */
    STALE,
    /** The event was applied before (a redelivery); nothing happened. */
    DUPLICATE,
    /** The event store holds no event under the delivered id (forged, or from another system); nothing happened. */
    UNKNOWN
}
