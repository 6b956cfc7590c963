package dev.movieratings.http;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * CloudWatch embedded metric format: on Lambda, where nothing scrapes, each function writes its metrics
 * as one JSON log line per unit of work, and CloudWatch Logs turns them into metrics of namespace
 * {@code MovieRatings} under the same names as in Prometheus. On by default on Lambda
 * (AWS_LAMBDA_FUNCTION_NAME is set); {@code -Dmetrics.emf=true} turns it on elsewhere.
 */
public final class EmbeddedMetricFormat {

    public static final String NAMESPACE = "MovieRatings";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile PrintStream out = System.out;

    /** One metric of a document: a value or up to 100 values, and its CloudWatch unit (Seconds, Count, None). */
    public record Value(String name, String unit, Object value) {}

    private EmbeddedMetricFormat() {}

    public static boolean enabled() {
        return System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null || Boolean.getBoolean("metrics.emf");
    }

    /** Writes one EMF document when enabled; the dimension values become CloudWatch dimensions. */
    public static void emit(Map<String, String> dimensions, List<Value> values) {
        if (enabled() && !values.isEmpty()) {
            out.println(document(dimensions, values, System.currentTimeMillis()));
        }
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
                                                .map(v -> Map.of("Name", v.name(), "Unit", v.unit()))
                                                .toList()))));
        root.putAll(dimensions);
        values.forEach(v -> root.put(v.name(), v.value()));
        return JSON.writeValueAsString(root);
    }

    /** For tests: where documents go (System.out on Lambda, which CloudWatch Logs reads). */
    static void writeTo(PrintStream stream) {
        out = stream;
    }
}
