package dev.movieratings.observability;

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
 * same names go to CloudWatch as embedded metric format. The names and tags come from {@link MeterCatalogue}.
 */
public final class FunctionMetrics {

    private FunctionMetrics() {}

    public static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    /** One answered API request: {@code http_server_requests_seconds{function,route,status,outcome}}. */
    public static void requestServed(String function, String route, int status, long nanos) {
        MeterCatalogue.HTTP_REQUESTS
                .timer(function, route, Integer.toString(status), outcome(status))
                .record(Duration.ofNanos(nanos));
        EmbeddedMetricFormat.emit(
                Map.of("function", function, "route", route, "status", Integer.toString(status)),
                List.of(new EmbeddedMetricFormat.Value(MeterCatalogue.HTTP_REQUESTS, nanos / 1e9)));
    }

    /** One error: {@code movie_ratings_errors_total{kind}} (the kinds are listed in the catalogue). */
    public static void error(String kind) {
        errors(kind, 1);
    }

    /** {@code count} errors of one kind at once (nothing when zero). */
    public static void errors(String kind, long count) {
        if (count <= 0) {
            return;
        }
        MeterCatalogue.ERRORS.counter(kind).increment(count);
        EmbeddedMetricFormat.emit(
                Map.of("kind", kind), List.of(new EmbeddedMetricFormat.Value(MeterCatalogue.ERRORS, count)));
    }

    /** Times one database round trip of a statement family: {@code movie_ratings_db_query_seconds{family}}. */
    public static <T> T databaseTime(String family, Supplier<T> statement) {
        Timer timer = MeterCatalogue.DB_QUERY.timer(family);
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
