package dev.movieratings.local;

import dev.movieratings.local.front.ClientRateLimit;
import java.nio.file.Path;

/**
 * How the local runtime is set up. Defaults: port 8080, data under ./.local-data, projector messages
 * redelivered after 30 s and parked in the DLQ after 5 receives, the relay sweeping every 2 s, and
 * anonymous reads limited to a burst of 100 and 50 a second per client address. The six-argument form
 * (tests, benchmarks: one client issuing thousands of reads) leaves anonymous reads unlimited.
 */
public record LocalSettings(
        int port,
        Path dataDirectory,
        boolean seedMovieLens,
        int queueVisibilitySeconds,
        int maxReceives,
        long relayIntervalMillis,
        ClientRateLimit.Limit anonymousReads) {

    public LocalSettings(
            int port,
            Path dataDirectory,
            boolean seedMovieLens,
            int queueVisibilitySeconds,
            int maxReceives,
            long relayIntervalMillis) {
        this(
                port,
                dataDirectory,
                seedMovieLens,
                queueVisibilitySeconds,
                maxReceives,
                relayIntervalMillis,
                ClientRateLimit.Limit.NONE);
    }

    public static LocalSettings fromEnvironment() {
        return new LocalSettings(
                Integer.parseInt(setting("PORT", "8080")),
                Path.of(setting("MOVIE_RATINGS_DATA", ".local-data")).toAbsolutePath(),
                !setting("SEED_MOVIELENS", "true").equalsIgnoreCase("false"),
                Integer.parseInt(setting("QUEUE_VISIBILITY_SECONDS", "30")),
                5,
                2_000,
                new ClientRateLimit.Limit(
                        Integer.parseInt(setting("ANONYMOUS_READ_BURST", "100")),
                        Double.parseDouble(setting("ANONYMOUS_READS_PER_SECOND", "50"))));
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
