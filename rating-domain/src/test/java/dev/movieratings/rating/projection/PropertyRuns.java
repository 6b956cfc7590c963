package dev.movieratings.rating.projection;

import org.quicktheories.QuickTheory;

/**
 * How the property tests run: a fixed seed, so a failure replays the same way on every machine, and
 * each property's number of tries. {@code -DQT_SEED=n} explores other histories (a failure prints
 * "Seed was n" above its shrunk example: pass that to replay it); {@code -DQT_EXAMPLES=n} sets the
 * tries of every property; {@code -DQT_SHRINKS=n} how many shrinking steps a failure gets (100: a
 * history through the real projector costs about a second to replay).
 */
final class PropertyRuns {

    static final long DEFAULT_SEED = 20_260_101L;

    private PropertyRuns() {}

    static QuickTheory tries(int examples) {
        return QuickTheory.qt()
                .withFixedSeed(Long.getLong("QT_SEED", DEFAULT_SEED))
                .withExamples(Integer.getInteger("QT_EXAMPLES", examples))
                .withShrinkCycles(Integer.getInteger("QT_SHRINKS", 100));
    }
}
