package dev.movieratings.projection.application;

import dev.movieratings.events.RatingEvent;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Failures switched on by configuration, for chaos and poison-event tests: events of named users
 * always fail (a projector bug that bites on certain data, until configuration "deploys the fix"),
 * and a share of all applications fail at random, before the batch's transaction or inside it after its
 * writes (so the whole batch rolls back). Off unless configured; the failing users are read on every
 * call, so a test can lift the fault without a restart.
 */
public final class InjectedFaults {

    public static final InjectedFaults NONE = new InjectedFaults(() -> Set.of(), 0, 0);

    private final Supplier<Set<String>> failingUsers;
    private final double failureRate;
    private final double transactionFailureRate;
    private final Random random;

    public InjectedFaults(Supplier<Set<String>> failingUsers, double failureRate, long seed) {
        this(failingUsers, failureRate, 0, seed);
    }

    public InjectedFaults(
            Supplier<Set<String>> failingUsers, double failureRate, double transactionFailureRate, long seed) {
        for (double rate : new double[] {failureRate, transactionFailureRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("failure rate must be between 0 and 1: " + rate);
            }
        }
        this.failingUsers = failingUsers;
        this.failureRate = failureRate;
        this.transactionFailureRate = transactionFailureRate;
        this.random = new Random(seed);
    }

    /** Inside the batch's transaction, after its writes: a failure here rolls the whole batch back. */
    public void beforeCommit(int events) {
        boolean fail;
        synchronized (random) {
            fail = transactionFailureRate > 0 && random.nextDouble() < transactionFailureRate;
        }
        if (fail) {
            throw new InjectedFailure("injected failure inside the transaction, after writing " + events + " event(s)");
        }
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
