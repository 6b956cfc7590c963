package dev.movieratings.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EmbeddedMetricFormatTest {

    @Test
    void aDocumentDeclaresItsMetricsUnderTheNamespaceWithTheirDimensionsAndValues() {
        JsonNode document = JsonMapper.builder()
                .build()
                .readTree(EmbeddedMetricFormat.document(
                        Map.of("route", "PUT /api/movies/{id}/rating"),
                        List.of(
                                new EmbeddedMetricFormat.Value("http_server_requests_seconds", "Seconds", 0.012),
                                new EmbeddedMetricFormat.Value(
                                        "movie_ratings_projection_lag_seconds", "Seconds", List.of(0.2, 0.4))),
                        1_700_000_000_000L));

        JsonNode directive = document.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(document.get("_aws").get("Timestamp").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(directive.get("Namespace").asString()).isEqualTo("MovieRatings");
        assertThat(directive.get("Dimensions").get(0).get(0).asString()).isEqualTo("route");
        assertThat(directive.get("Metrics").get(0).get("Name").asString()).isEqualTo("http_server_requests_seconds");
        assertThat(directive.get("Metrics").get(0).get("Unit").asString()).isEqualTo("Seconds");
        assertThat(document.get("route").asString()).isEqualTo("PUT /api/movies/{id}/rating");
        assertThat(document.get("http_server_requests_seconds").asDouble()).isEqualTo(0.012);
        assertThat(document.get("movie_ratings_projection_lag_seconds").size()).isEqualTo(2);
    }

    @Test
    void onlyWhenEnabledDoesAnAnsweredRequestWriteOneDocument() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmbeddedMetricFormat.writeTo(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            FunctionMetrics.requestServed("TestFunction", "GET /api/movies", 200, 5_000_000);
            assertThat(out.size()).isZero();
            System.setProperty("metrics.emf", "true");
            FunctionMetrics.requestServed("TestFunction", "GET /api/movies", 200, 5_000_000);
            String written = out.toString(StandardCharsets.UTF_8);
            assertThat(written.lines()).hasSize(1);
            assertThat(written)
                    .contains(
                            "\"Namespace\":\"MovieRatings\"",
                            "\"http_server_requests_seconds\":0.005",
                            "\"status\":\"200\"");
        } finally {
            System.clearProperty("metrics.emf");
            EmbeddedMetricFormat.writeTo(System.out);
        }
    }
}
