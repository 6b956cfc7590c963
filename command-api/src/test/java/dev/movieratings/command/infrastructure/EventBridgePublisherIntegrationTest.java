package dev.movieratings.command.infrastructure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.events.RatingEventFixtures;
import dev.movieratings.eventstore.StoredEvent;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import tools.jackson.databind.json.JsonMapper;

class EventBridgePublisherIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final WireMockServer bus = CommandApiTestEnvironment.get().bus;
    private EventBridgePublisher publisher;

    @BeforeEach
    void publisherAgainstTheStub() {
        bus.resetAll();
        EventBridgeClient client = EventBridgeClient.builder()
                .endpointOverride(URI.create(bus.baseUrl()))
                .region(Region.EU_WEST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
        publisher = new EventBridgePublisher(
                client,
                "bus",
                "movie-ratings.configured-source",
                CommandApiConfiguration.busRetry(3, 1),
                CommandApiConfiguration.busBreaker());
    }

    @Test
    void entriesTheBusReportsAsFailedAreSentAgainAlone() {
        List<StoredEvent> events = events(2);
        bus.stubFor(CommandApiTestEnvironment.putEvents()
                .inScenario("partial")
                .whenScenarioStateIs(STARTED)
                .willReturn(ok("{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"a\"},"
                        + "{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"try again\"}]}"))
                .willSetStateTo("second"));
        bus.stubFor(CommandApiTestEnvironment.putEvents()
                .inScenario("partial")
                .whenScenarioStateIs("second")
                .willReturn(ok("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"b\"}]}")));

        Set<UUID> published = publisher.publish(events);

        assertThat(published)
                .containsExactlyInAnyOrder(
                        events.get(0).event().eventId(), events.get(1).event().eventId());
        var requests = bus.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(2);
        var resent = JSON.readTree(requests.get(1).getBodyAsString()).get("Entries");
        assertThat(resent.size()).isEqualTo(1);
        assertThat(resent.get(0).get("Detail").asString())
                .contains(events.get(1).event().eventId().toString());
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithBackoff() {
        bus.stubFor(CommandApiTestEnvironment.putEvents()
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("throttled"));
        bus.stubFor(CommandApiTestEnvironment.putEvents()
                .inScenario("flaky")
                .whenScenarioStateIs("throttled")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        bus.stubFor(CommandApiTestEnvironment.putEvents()
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(ok("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"c\"}]}")));

        assertThat(publisher.publish(events(1))).hasSize(1);
        assertThat(bus.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(3);
    }

    @Test
    void everyEntryCarriesTheConfiguredSourceAndBusName() {
        CommandApiTestEnvironment.get().busAccepts();
        assertThat(publisher.publish(events(2))).hasSize(2);
        var entries = JSON.readTree(
                        bus.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getBodyAsString())
                .get("Entries");
        assertThat(entries).hasSize(2);
        entries.forEach(entry -> {
            assertThat(entry.get("Source").asString()).isEqualTo("movie-ratings.configured-source");
            assertThat(entry.get("EventBusName").asString()).isEqualTo("bus");
        });
    }

    @Test
    void atMostTenEntriesGoInOneCall() {
        CommandApiTestEnvironment.get().busAccepts();
        assertThat(publisher.publish(events(23))).hasSize(23);
        assertThat(bus.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                        .map(r -> JSON.readTree(r.getBodyAsString())
                                .get("Entries")
                                .size())
                        .toList())
                .containsExactly(10, 10, 3);
    }

    @Test
    void whenEveryAttemptFailsNothingIsReportedPublished() {
        bus.stubFor(CommandApiTestEnvironment.putEvents().willReturn(aResponse().withStatus(500)));
        assertThat(publisher.publish(events(3))).isEmpty();
        assertThat(bus.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(3);
    }

    @Test
    void aBusThatKeepsFailingOpensTheBreakerAndIsNotCalledUntilItMayHaveRecovered() {
        bus.stubFor(CommandApiTestEnvironment.putEvents().willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 5; i++) {
            assertThat(publisher.publish(events(1))).isEmpty();
        }
        int callsWhileClosed = bus.findAll(postRequestedFor(urlEqualTo("/"))).size();

        long started = System.nanoTime();
        assertThat(publisher.publish(events(1))).isEmpty();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(bus.findAll(postRequestedFor(urlEqualTo("/"))))
                .as("no call while the breaker is open")
                .hasSize(callsWhileClosed);
        assertThat(tookMillis)
                .as("an open breaker answers at once; the outbox keeps the event")
                .isLessThan(1_000);
    }

    private static List<StoredEvent> events(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new StoredEvent(i + 1, RatingEventFixtures.firstRating("u" + i, 1, 4.0)))
                .toList();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body);
    }
}
