package dev.movieratings.ops.cli;

import dev.movieratings.projection.maintenance.application.RebuildProgress;
import java.time.Duration;

/** Shows a rebuild's progress: one updating line on a terminal, plain lines in a log. */
final class TerminalProgress implements RebuildProgress {

    private final boolean terminal;
    private final long started = System.nanoTime();

    private TerminalProgress(boolean terminal) {
        this.terminal = terminal;
    }

    static TerminalProgress create() {
        return new TerminalProgress(System.console() != null);
    }

    @Override
    public void folded(long events, long total) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        double rate = events / seconds;
        long etaSeconds = rate > 0 ? (long) ((total - events) / rate) : 0;
        String line = String.format(
                "folded %,d of %,d events (%.0f%%), %,.0f events/s, ETA %s",
                events, total, total == 0 ? 100.0 : 100.0 * events / total, rate, Duration.ofSeconds(etaSeconds));
        if (terminal) {
            System.out.print("\r" + line + (events == total ? System.lineSeparator() : ""));
        } else {
            System.out.println(line);
        }
    }

    @Override
    public void phase(String description) {
        System.out.println(description);
    }
}
