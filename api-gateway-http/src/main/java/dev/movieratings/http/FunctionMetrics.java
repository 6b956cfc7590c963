package dev.movieratings.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The meters every function shares, bound to Micrometer's global registry: the local runtime adds a
 * Prometheus registry to it (one registry across the four Spring contexts of the one JVM); on Lambda the
 * CloudWatch embedded-metric-format registry is added at start. Names follow Prometheus conventions once
 * rendered: {@code http.server.requests} becomes {@code http_server_requests_seconds_bucket/_count/_sum}.
 */
public final class FunctionMetrics {

    /** Latency buckets (seconds) for requests and statements: fine at the low end, where the SLO lives. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
                Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
                Duration.ofSeconds(5)
    };

    private FunctionMetrics() {}

    public static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    /** One answered API request: {@code http_server_requests_seconds{function,route,status}}. */
    public static void requestServed(String function, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("API requests answered by a function, by API Gateway route key and HTTP status")
                .tags(
                        "function",
                        function,
                        "route",
                        route,
                        "status",
                        Integer.toString(status),
                        "outcome",
                        outcome(status))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry())
                .record(Duration.ofNanos(nanos));
        EmbeddedMetricFormat.emit(
                Map.of("function", function, "route", route, "status", Integer.toString(status)),
                List.of(new EmbeddedMetricFormat.Value("http_server_requests_seconds", "Seconds", nanos / 1e9)));
    }

    /** {@code movie_ratings_errors_total{kind}}: client_error, server_error, database_unavailable, publish_failed, projection_failed, ... */
    public static void error(String kind) {
        Counter.builder("movie_ratings.errors")
                .description("Errors by kind")
                .tag("kind", kind)
                .register(registry())
                .increment();
        EmbeddedMetricFormat.emit(
                Map.of("kind", kind),
                List.of(new EmbeddedMetricFormat.Value("movie_ratings_errors_total", "Count", 1)));
    }

    /** Times one database round trip of a statement family: {@code movie_ratings_db_query_seconds{family}}. */
    public static <T> T databaseTime(String family, Supplier<T> statement) {
        Timer timer = Timer.builder("movie_ratings.db.query")
                .description("Time spent in the database per statement family (transaction included)")
                .tag("family", family)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry());
        long started = System.nanoTime();
        try {
            return statement.get();
        } finally {
            timer.record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    public static void databaseTime(String family, Runnable statement) {
        databaseTime(family, () -> {
            statement.run();
            return null;
        });
    }

    static String outcome(int status) {
        return status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS";
    }
}
