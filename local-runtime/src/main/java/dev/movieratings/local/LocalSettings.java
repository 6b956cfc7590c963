package dev.movieratings.local;

import dev.movieratings.local.front.ClientRateLimit;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

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
        return from(name -> System.getProperty(name, System.getenv(name)));
    }

    /**
     * From named settings (system properties over environment variables when started): a bad value stops the
     * start with a message naming the setting and the value.
     */
    static LocalSettings from(Function<String, @Nullable String> settings) {
        return new LocalSettings(
                whole(settings, "PORT", 8080, 0, 65_535),
                Path.of(setting(settings, "MOVIE_RATINGS_DATA", ".local-data")).toAbsolutePath(),
                !setting(settings, "SEED_MOVIELENS", "true").equalsIgnoreCase("false"),
                whole(settings, "QUEUE_VISIBILITY_SECONDS", 30, 1, 43_200),
                5,
                2_000,
                whole(settings, "PROJECTOR_POLLERS", DEFAULT_PROJECTOR_POLLERS, 1, 64),
                new ClientRateLimit.Limit(
                        whole(settings, "ANONYMOUS_READ_BURST", 100, 1, 1_000_000),
                        decimal(settings, "ANONYMOUS_READS_PER_SECOND", 50, 1_000_000)),
                Map.of());
    }

    private static int whole(Function<String, @Nullable String> settings, String name, int fallback, int min, int max) {
        String value = setting(settings, name, Integer.toString(fallback)).strip();
        // at most seven digits: parsed without overflow, and every range here fits
        if (value.matches("[0-9]{1,7}")) {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        }
        throw new IllegalArgumentException(
                name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static double decimal(Function<String, @Nullable String> settings, String name, int fallback, int max) {
        String value = setting(settings, name, Integer.toString(fallback)).strip();
        if (value.matches("[0-9]{1,7}(\\.[0-9]{1,6})?")) {
            double number = Double.parseDouble(value);
            if (number > 0 && number <= max) {
                return number;
            }
        }
        throw new IllegalArgumentException(
                name + " must be a number above 0 and at most " + max + ", not '" + value + "'");
    }

    private static String setting(Function<String, @Nullable String> settings, String name, String fallback) {
        String value = settings.apply(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
