package dev.movieratings.ops.cli;

/** An ops command cannot go on; its message says why, in words for the operator. */
class OpsFailure extends RuntimeException {

    OpsFailure(String message) {
        super(message);
    }
}
