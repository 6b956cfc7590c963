package dev.movieratings.command.application;

/** How many ratings a user may write per minute, counted across every function instance. */
public interface WriteQuota {

    /** @throws WriteLimitExceeded when the user has used up this minute's writes */
    void acquire(String userId);

    class WriteLimitExceeded extends RuntimeException {
        private final long retryAfterSeconds;

        public WriteLimitExceeded(int limit, long retryAfterSeconds) {
            super("at most " + limit + " rating changes a minute; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
