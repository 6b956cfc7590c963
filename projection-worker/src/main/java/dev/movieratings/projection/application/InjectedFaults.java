package dev.movieratings.projection.application;

import dev.movieratings.events.RatingEvent;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Failures switched on by configuration, for chaos and poison-event tests: events of named users
 * always fail (a projector bug that bites on certain data, until configuration "deploys the fix"),
 * and a share of all applications fail at random. Off unless configured; the failing users are read
 * on every call, so a test can lift the fault without a restart.
 */
public final class InjectedFaults {

    public static final InjectedFaults NONE = new InjectedFaults(() -> Set.of(), 0, 0);

    private final Supplier<Set<String>> failingUsers;
    private final double failureRate;
    private final Random random;

    public InjectedFaults(Supplier<Set<String>> failingUsers, double failureRate, long seed) {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failure rate must be between 0 and 1: " + failureRate);
        }
        this.failingUsers = failingUsers;
        this.failureRate = failureRate;
        this.random = new Random(seed);
    }

    public void beforeApplying(RatingEvent event) {
        if (failingUsers.get().contains(event.userId())) {
            throw new InjectedFailure("injected failure for the events of user " + event.userId());
        }
        boolean fail;
        synchronized (random) {
            fail = failureRate > 0 && random.nextDouble() < failureRate;
        }
        if (fail) {
            throw new InjectedFailure("injected random failure");
        }
    }

    public static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }
}
