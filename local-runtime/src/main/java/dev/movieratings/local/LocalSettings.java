package dev.movieratings.local;

import java.nio.file.Path;

/**
 * How the local runtime is set up. Defaults: port 8080, data under ./.local-data, projector messages
 * redelivered after 30 s and parked in the DLQ after 5 receives, the relay sweeping every 2 s, and
 * two projector batches at a time (PROJECTOR_POLLERS), as Lambda's event source mapping runs several.
 */
public record LocalSettings(
        int port,
        Path dataDirectory,
        boolean seedMovieLens,
        int queueVisibilitySeconds,
        int maxReceives,
        long relayIntervalMillis,
        int projectorPollers) {

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
        this(
                port,
                dataDirectory,
                seedMovieLens,
                queueVisibilitySeconds,
                maxReceives,
                relayIntervalMillis,
                DEFAULT_PROJECTOR_POLLERS);
    }

    public static LocalSettings fromEnvironment() {
        return new LocalSettings(
                Integer.parseInt(setting("PORT", "8080")),
                Path.of(setting("MOVIE_RATINGS_DATA", ".local-data")).toAbsolutePath(),
                !setting("SEED_MOVIELENS", "true").equalsIgnoreCase("false"),
                Integer.parseInt(setting("QUEUE_VISIBILITY_SECONDS", "30")),
                5,
                2_000,
                Integer.parseInt(setting("PROJECTOR_POLLERS", String.valueOf(DEFAULT_PROJECTOR_POLLERS))));
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
