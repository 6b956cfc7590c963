package dev.movieratings.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
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
                                new EmbeddedMetricFormat.Value(MeterCatalogue.HTTP_REQUESTS, 0.012),
                                new EmbeddedMetricFormat.Value(MeterCatalogue.PROJECTION_LAG, List.of(0.2, 0.4))),
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
    void onlyWhileCapturedDoesAnAnsweredRequestWriteOneDocument() {
        List<String> written = new ArrayList<>();
        FunctionMetrics.requestServed("TestFunction", "GET /api/movies", 200, 5_000_000);
        assertThat(EmbeddedMetricFormat.enabled()).isFalse();
        try (var capture = EmbeddedMetricFormat.capture(written::add)) {
            assertThat(EmbeddedMetricFormat.enabled()).isTrue();
            FunctionMetrics.requestServed("TestFunction", "GET /api/movies", 200, 5_000_000);
        }
        FunctionMetrics.requestServed("TestFunction", "GET /api/movies", 200, 5_000_000);
        assertThat(written).hasSize(1);
        assertThat(written.get(0))
                .contains(
                        "\"Namespace\":\"MovieRatings\"",
                        "\"http_server_requests_seconds\":0.005",
                        "\"status\":\"200\"");
        assertThat(EmbeddedMetricFormat.enabled()).isFalse();
    }

    @Test
    void aMeterTheCatalogueKeepsOutOfCloudWatchCannotBeWritten() {
        assertThatThrownBy(() -> new EmbeddedMetricFormat.Value(MeterCatalogue.DB_QUERY, 0.1))
                .hasMessageContaining("movie_ratings_db_query_seconds is not published to CloudWatch");
    }
}
