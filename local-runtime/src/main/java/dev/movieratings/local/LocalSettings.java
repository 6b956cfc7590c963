package dev.movieratings.local;

import dev.movieratings.local.front.ClientRateLimit;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the local runtime is set up. Defaults: port 8080, data under ./.local-data, projector messages
 * redelivered after 30 s and parked in the DLQ after 5 receives, the relay sweeping every 2 s, two
 * projector batches at a time (PROJECTOR_POLLERS), as Lambda's event source mapping runs several, and
 * anonymous reads limited to a burst of 100 and 50 a second per client address. The six-argument form
 * (tests, benchmarks: one client issuing thousands of reads) leaves anonymous reads unlimited.
 * {@code functionEnvironment} adds environment variables of the four functions (as Terraform sets
 * them on Lambda), e.g. the chaos runs' fault rates.
 */
public record LocalSettings(
        int port,
        Path dataDirectory,
        boolean seedMovieLens,
        int queueVisibilitySeconds,
        int maxReceives,
        long relayIntervalMillis,
        int projectorPollers,
        ClientRateLimit.Limit anonymousReads,
        Map<String, String> functionEnvironment) {

    public static final int DEFAULT_PROJECTOR_POLLERS = 2;

    public LocalSettings {
        if (projectorPollers < 1) {
            throw new IllegalArgumentException("PROJECTOR_POLLERS must be at least 1, not " + projectorPollers);
        }
    }

    public LocalSettings(
            int port,
            Path dataDirectory,
            boolean seedMovieLens,
            int queueVisibilitySeconds,
            int maxReceives,
            long relayIntervalMillis) {
        this(port, dataDirectory, seedMovieLens, queueVisibilitySeconds, maxReceives, relayIntervalMillis, Map.of());
    }

    public LocalSettings(
            int port,
            Path dataDirectory,
            boolean seedMovieLens,
            int queueVisibilitySeconds,
            int maxReceives,
            long relayIntervalMillis,
            ClientRateLimit.Limit anonymousReads) {
        this(
                port,
                dataDirectory,
                seedMovieLens,
                queueVisibilitySeconds,
                maxReceives,
                relayIntervalMillis,
                DEFAULT_PROJECTOR_POLLERS,
                anonymousReads,
                Map.of());
    }

    /** Anonymous reads unlimited, with environment variables of the functions' own. */
    public LocalSettings(
            int port,
            Path dataDirectory,
            boolean seedMovieLens,
            int queueVisibilitySeconds,
            int maxReceives,
            long relayIntervalMillis,
            Map<String, String> functionEnvironment) {
        this(
                port,
                dataDirectory,
                seedMovieLens,
                queueVisibilitySeconds,
                maxReceives,
                relayIntervalMillis,
                DEFAULT_PROJECTOR_POLLERS,
                ClientRateLimit.Limit.NONE,
                functionEnvironment);
    }

    public static LocalSettings fromEnvironment() {
        return new LocalSettings(
                Integer.parseInt(setting("PORT", "8080")),
                Path.of(setting("MOVIE_RATINGS_DATA", ".local-data")).toAbsolutePath(),
                !setting("SEED_MOVIELENS", "true").equalsIgnoreCase("false"),
                Integer.parseInt(setting("QUEUE_VISIBILITY_SECONDS", "30")),
                5,
                2_000,
                Integer.parseInt(setting("PROJECTOR_POLLERS", String.valueOf(DEFAULT_PROJECTOR_POLLERS))),
                new ClientRateLimit.Limit(
                        Integer.parseInt(setting("ANONYMOUS_READ_BURST", "100")),
                        Double.parseDouble(setting("ANONYMOUS_READS_PER_SECOND", "50"))),
                Map.of());
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
