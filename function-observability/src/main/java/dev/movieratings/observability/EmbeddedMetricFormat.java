package dev.movieratings.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * CloudWatch embedded metric format: on Lambda, where nothing scrapes, each function writes its metrics
 * as one JSON log line per unit of work, and CloudWatch Logs turns them into metrics of namespace
 * {@code MovieRatings} under the names of {@link MeterCatalogue}, the same as in Prometheus. On by default
 * on Lambda (AWS_LAMBDA_FUNCTION_NAME is set); {@code -Dmetrics.emf=true} turns it on elsewhere, and
 * {@link #capture} sends the lines somewhere else for a while.
 */
public final class EmbeddedMetricFormat {

    public static final String NAMESPACE = "MovieRatings";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Consumer<String> STANDARD_OUTPUT = System.out::println;
    // null: off. System.out on Lambda, which CloudWatch Logs reads.
    private static volatile @Nullable Consumer<String> sink = onLambda() ? STANDARD_OUTPUT : null;

    /** One metric of a document: a catalogue meter, its value or up to 100 values. */
    public record Value(MeterCatalogue meter, Object value) {
        public Value {
            meter.cloudWatchUnit(); // fails for a meter the catalogue keeps out of CloudWatch
        }
    }

    private EmbeddedMetricFormat() {}

    private static boolean onLambda() {
        return System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null || Boolean.getBoolean("metrics.emf");
    }

    public static boolean enabled() {
        return sink != null;
    }

    /** Writes one EMF document when enabled; the dimension values become CloudWatch dimensions. */
    public static void emit(Map<String, String> dimensions, List<Value> values) {
        Consumer<String> lines = sink;
        if (lines != null && !values.isEmpty()) {
            lines.accept(document(dimensions, values, System.currentTimeMillis()));
        }
    }

    /**
     * Sends every document of this JVM to {@code lines} instead, until closed (then back to what it was):
     * how a test sees what CloudWatch would get.
     */
    public static Capture capture(Consumer<String> lines) {
        Consumer<String> previous = sink;
        sink = lines;
        return () -> sink = previous;
    }

    /** An open {@link #capture}. */
    public interface Capture extends AutoCloseable {
        @Override
        void close();
    }

    static String document(Map<String, String> dimensions, List<Value> values, long timestampMillis) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(
                "_aws",
                Map.of(
                        "Timestamp",
                        timestampMillis,
                        "CloudWatchMetrics",
                        List.of(Map.of(
                                "Namespace", NAMESPACE,
                                "Dimensions", List.of(List.copyOf(dimensions.keySet())),
                                "Metrics",
                                        values.stream()
                                                .map(v -> Map.of(
                                                        "Name",
                                                        v.meter().exposedName(),
                                                        "Unit",
                                                        v.meter().cloudWatchUnit()))
                                                .toList()))));
        root.putAll(dimensions);
        values.forEach(v -> root.put(v.meter().exposedName(), v.value()));
        return JSON.writeValueAsString(root);
    }
}
