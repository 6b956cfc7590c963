package dev.movieratings.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.embedded.ApiGatewayEvents;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Numbers built to explode when materialised, sent in a real API Gateway v2 event through
 * FunctionInvoker: each is refused from its text, with a small answer that does not quote it, and
 * handling it allocates a bounded amount of heap (a billion-digit expansion would need gigabytes).
 */
class HostileNumbersIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Far above what one request needs (about 1 MB through Spring's message handling), far below an expansion. */
    private static final long HEAP_BUDGET_BYTES = 32L << 20;

    private final CommandApiTestEnvironment env = CommandApiTestEnvironment.get();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"stars\":1e99999}|422|stars",
                "{\"stars\":1e99999999}|422|stars",
                "{\"stars\":1e999999999}|422|stars",
                "{\"stars\":-1e999999999}|422|stars",
                "{\"stars\":0.5e-999999999}|422|stars",
                "{\"stars\":1E+2147483648}|422|stars",
                "{\"stars\":99999999999999999999}|422|stars",
                "{\"stars\":4.5000000000000000000000000000000000000000000000000000}|422|stars",
                "{\"stars\":4,\"review\":{\"text\":\"x\",\"spoiler\":1e999999999}}|422|review.spoiler",
                "{\"stars\":4,\"x\":[1e999999999]}|422|x.0",
                "{\"stars\":4.5e0}|202|",
                "{\"stars\":45e-1}|202|"
            })
    void numbersAreBoundedBeforeTheyAreMaterialisedAndNeverEchoed(String body, int status, String field)
            throws IOException {
        long events = env.eventCount();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String event = event(body);
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long cpuBefore = threads.getCurrentThreadCpuTime();

        ApiGatewayEvents.Response response = ApiGatewayEvents.parseResponse(env.ratingCommands.invoke(event));

        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        // reported, not asserted: CPU time belongs in benchmarks, the heap bound below does not depend on load
        System.out.printf(
                "[numbers] %s → %d: %,d bytes allocated, %.1f ms CPU%n",
                body, response.statusCode(), allocated, (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e6);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(text).isEqualTo(status);
        assertThat(allocated).as("bytes allocated answering it").isLessThan(HEAP_BUDGET_BYTES);
        if (status == 202) {
            assertThat(env.eventCount()).isEqualTo(events + 1);
            return;
        }
        assertThat(response.body().length).isLessThanOrEqualTo(2048);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = JSON.readTree(text);
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString())
                .doesNotContainPattern("[0-9]{5}")
                .doesNotContain("E+");
        assertThat(env.eventCount()).isEqualTo(events);
    }

    /** The recorded API Gateway sample with a fresh user, key and the given body. */
    private static String event(String body) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(resource("/aws-event-samples/apigw-http-v2-put-rating.json"));
        event.put("body", body);
        ((ObjectNode) event.get("headers"))
                .put("idempotency-key", UUID.randomUUID().toString());
        ((ObjectNode) event.at("/requestContext/authorizer/jwt/claims")).put("sub", "numbers-" + UUID.randomUUID());
        return JSON.writeValueAsString(event);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = HostileNumbersIntegrationTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
