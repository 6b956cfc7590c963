package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.EventPublisher;
import dev.movieratings.command.application.Outbox;
import dev.movieratings.command.application.PublishingEvents;
import dev.movieratings.command.application.RecordingRatings;
import dev.movieratings.command.application.RelayingOutbox;
import dev.movieratings.command.http.RatingCommandsFunction;
import dev.movieratings.command.relay.OutboxRelayFunction;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

/** Wires the command side: the use cases get their ports here, and the functions get the use cases. */
@Configuration(proxyBeanMethods = false)
public class CommandApiConfiguration {

    @Bean
    RecordingRatings recordingRatings(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            PublishingEvents publishing,
            @Value("${WRITE_LIMIT_PER_MINUTE:60}") int writesPerMinute) {
        return new RecordingRatings(
                new JdbcRatingEventStore(jdbc, transaction),
                new JdbcCatalog(jdbc),
                publishing,
                new JdbcWriteQuota(jdbc, writesPerMinute),
                Clock.systemUTC(),
                UUID::randomUUID);
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, TransactionTemplate transaction) {
        return new JdbcOutbox(jdbc, transaction);
    }

    @Bean
    PublishingEvents publishingEvents(EventPublisher publisher, Outbox outbox) {
        return new PublishingEvents(publisher, outbox);
    }

    @Bean
    EventPublisher eventPublisher(
            @Value("${EVENT_BUS_KIND:eventbridge}") String kind,
            @Value("${EVENT_BUS_NAME:movie-ratings}") String busName,
            @Value("${EVENT_BUS_ENDPOINT:}") String endpoint,
            @Value("${LOCAL_BUS_QUEUE_URL:}") String localQueueUrl,
            @Value("${LOCAL_BUS_SQS_ENDPOINT:}") String localSqsEndpoint,
            @Value("${EVENT_BUS_RETRY_ATTEMPTS:3}") int retryAttempts,
            @Value("${EVENT_BUS_RETRY_BACKOFF_MS:100}") long backoffMillis,
            @Value("${EVENT_BUS_FAILURE_RATE:0}") double injectedFailureRate) {
        EventPublisher bus =
                bus(kind, busName, endpoint, localQueueUrl, localSqsEndpoint, retryAttempts, backoffMillis);
        return new MeteredEventPublisher(
                injectedFailureRate > 0 ? new FaultInjectingPublisher(bus, injectedFailureRate) : bus);
    }

    private static EventPublisher bus(
            String kind,
            String busName,
            String endpoint,
            String localQueueUrl,
            String localSqsEndpoint,
            int retryAttempts,
            long backoffMillis) {
        if (kind.equals("sqs")) {
            return LocalBus.publisher(localSqsEndpoint, localQueueUrl);
        }
        if (!kind.equals("eventbridge")) {
            throw new IllegalStateException("EVENT_BUS_KIND must be 'eventbridge' or 'sqs', not '" + kind + "'");
        }
        EventBridgeClientBuilder builder = EventBridgeClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // resilience4j owns retries, so one layer decides how often and how long
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)));
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return new EventBridgePublisher(builder.build(), busName, busRetry(retryAttempts, backoffMillis), busBreaker());
    }

    static Retry busRetry(int attempts, long backoffMillis) {
        return Retry.of(
                "event-bus",
                RetryConfig.custom()
                        .maxAttempts(attempts)
                        .intervalFunction(
                                IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(backoffMillis), 2.0, 0.2))
                        .retryExceptions(RuntimeException.class)
                        .build());
    }

    static CircuitBreaker busBreaker() {
        return CircuitBreaker.of(
                "event-bus",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(10))
                        .permittedNumberOfCallsInHalfOpenState(2)
                        .build());
    }

    @Bean
    RatingCommandsFunction ratingCommands(RecordingRatings ratings) {
        return new RatingCommandsFunction(ratings);
    }

    @Bean
    OutboxRelayFunction outboxRelay(
            Outbox outbox,
            EventPublisher publisher,
            JdbcClient jdbc,
            @Value("${OUTBOX_RELAY_MIN_AGE_MS:5000}") long minimumAgeMillis) {
        return new OutboxRelayFunction(
                new RelayingOutbox(outbox, publisher),
                outbox,
                Duration.ofMillis(minimumAgeMillis),
                new PipelineGauges(jdbc));
    }
}
