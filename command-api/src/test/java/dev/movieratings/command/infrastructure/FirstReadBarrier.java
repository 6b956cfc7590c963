package dev.movieratings.command.infrastructure;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * For the concurrent-writer tests: holds every writer's first read of a stream until all writers have read it, so
 * they all decide on the same version and meet at the table's constraints. Later reads (the retries) pass.
 */
final class FirstReadBarrier {

    private final CyclicBarrier allHaveRead;
    private final ThreadLocal<Boolean> waited = ThreadLocal.withInitial(() -> false);

    FirstReadBarrier(int writers) {
        this.allHaveRead = new CyclicBarrier(writers);
    }

    <S> S read(Supplier<S> read) {
        S stream = read.get();
        if (!waited.get()) {
            waited.set(true);
            try {
                allHaveRead.await(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the writers did not all read the stream in time", e);
            }
        }
        return stream;
    }
}
