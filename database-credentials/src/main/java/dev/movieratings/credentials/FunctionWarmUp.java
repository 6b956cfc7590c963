package dev.movieratings.credentials;

/**
 * A side-effect-free run of a function's real request path, for SnapStart: run before the snapshot
 * ({@link DatabaseCheckpointHooks}), so the classes and the JIT profile of the hot path are in the
 * snapshot instead of being loaded and compiled on the first requests after every restore. Reads only,
 * or writes in a transaction that is rolled back; emits no metrics.
 */
@FunctionalInterface
public interface FunctionWarmUp {

    /** @return what was run and what it answered, for the log line (and the tests) */
    String warmUp();
}
