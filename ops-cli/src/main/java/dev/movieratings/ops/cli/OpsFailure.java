package dev.movieratings.ops.cli;

import org.jspecify.annotations.Nullable;

/** An ops command cannot go on; its message says why, in words for the operator. */
class OpsFailure extends RuntimeException {

    OpsFailure(@Nullable String message) {
        super(message);
    }
}
