package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.ErasingPersonalData;
import dev.movieratings.command.application.EventPublisher;
import dev.movieratings.command.application.ExportingPersonalData;
import dev.movieratings.command.application.Fingerprints;
import dev.movieratings.command.application.KeepingDiary;
import dev.movieratings.command.application.KeepingTags;
import dev.movieratings.command.application.KeepingWatchlist;
import dev.movieratings.command.application.ManagingProfile;
import dev.movieratings.command.application.Outbox;
import dev.movieratings.command.application.PublishingEvents;
import dev.movieratings.command.application.RecordingRatings;
import dev.movieratings.command.application.RelayingOutbox;
import dev.movieratings.command.application.VotingHelpful;
import dev.movieratings.command.http.RatingCommandsFunction;
import dev.movieratings.command.relay.OutboxRelayFunction;
import dev.movieratings.settings.FunctionSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

/** Wires the command side: the use cases get their ports here, and the functions get the use cases. */
@Configuration(proxyBeanMethods = false)
public class CommandApiConfiguration {

    /** Bound and checked before anything else is built: a bad value stops the start, naming the variable. */
    @Bean
    CommandSettings commandSettings(Environment environment) {
        return FunctionSettings.bind(environment, CommandSettings.class);
    }

    @Bean
    RecordingRatings recordingRatings(
            JdbcClient jdbc, TransactionTemplate transaction, PublishingEvents publishing, CommandSettings settings) {
        return new RecordingRatings(
                new JdbcRatingEventStore(jdbc, transaction),
                new JdbcCatalog(jdbc),
                publishing,
                new JdbcWriteQuota(jdbc, settings.writeLimitPerMinute()),
                Clock.systemUTC(),
                UUID::randomUUID,
                new Fingerprints(new JdbcRequestKeys(jdbc)));
    }

    /** The diary (issue 20): its appends share the rating store's path, and its writes the same quota. */
    @Bean
    KeepingDiary keepingDiary(
            JdbcClient jdbc, TransactionTemplate transaction, PublishingEvents publishing, CommandSettings settings) {
        return new KeepingDiary(
                new JdbcDiaryStore(jdbc, transaction),
                new JdbcCatalog(jdbc),
                publishing,
                new JdbcWriteQuota(jdbc, settings.writeLimitPerMinute()),
                Clock.systemUTC(),
                UUID::randomUUID,
                new Fingerprints(new JdbcRequestKeys(jdbc)));
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
    EventPublisher eventPublisher(CommandSettings settings) {
        EventPublisher bus = bus(settings);
        return new MeteredEventPublisher(
                settings.eventBusFailureRate() > 0
                        ? new FaultInjectingPublisher(bus, settings.eventBusFailureRate())
                        : bus);
    }

    private static EventPublisher bus(CommandSettings settings) {
        if (settings.eventBusKind().equals("sqs")) {
            return LocalBus.publisher(
                    settings.localBusSqsEndpoint(), settings.localBusQueueUrl(), settings.ratingEventsSource());
        }
        EventBridgeClientBuilder builder = EventBridgeClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // resilience4j owns retries, so one layer decides how often and how long
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)));
        if (!settings.eventBusEndpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.eventBusEndpoint()));
        }
        return new EventBridgePublisher(
                builder.build(),
                settings.eventBusName(),
                settings.ratingEventsSource(),
                busRetry(settings.eventBusRetryAttempts(), settings.eventBusRetryBackoffMs()),
                busBreaker());
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
    JdbcPersonalData personalData(JdbcClient jdbc, TransactionTemplate transaction) {
        return new JdbcPersonalData(jdbc, transaction);
    }

    @Bean
    ManagingProfile managingProfile(JdbcPersonalData data) {
        return new ManagingProfile(data, Clock.systemUTC());
    }

    @Bean
    ErasingPersonalData erasingPersonalData(JdbcPersonalData data, PublishingEvents publishing) {
        return new ErasingPersonalData(data, publishing, Clock.systemUTC(), UUID::randomUUID);
    }

    @Bean
    ExportingPersonalData exportingPersonalData(JdbcPersonalData data) {
        return new ExportingPersonalData(data, Clock.systemUTC());
    }

    @Bean
    KeepingWatchlist keepingWatchlist(
            JdbcClient jdbc, TransactionTemplate transaction, PublishingEvents publishing, CommandSettings settings) {
        return new KeepingWatchlist(
                new JdbcWatchlistEvents(jdbc, transaction),
                new JdbcCatalog(jdbc),
                publishing,
                new JdbcWriteQuota(jdbc, settings.writeLimitPerMinute()),
                Clock.systemUTC(),
                UUID::randomUUID);
    }

    @Bean
    VotingHelpful votingHelpful(
            JdbcClient jdbc, TransactionTemplate transaction, PublishingEvents publishing, CommandSettings settings) {
        return new VotingHelpful(
                new JdbcHelpfulEvents(jdbc, transaction),
                publishing,
                new JdbcWriteQuota(jdbc, settings.writeLimitPerMinute()),
                Clock.systemUTC(),
                UUID::randomUUID);
    }

    @Bean
    KeepingTags keepingTags(
            JdbcClient jdbc, TransactionTemplate transaction, PublishingEvents publishing, CommandSettings settings) {
        return new KeepingTags(
                new JdbcTagEvents(jdbc, transaction),
                new JdbcCatalog(jdbc),
                publishing,
                new JdbcWriteQuota(jdbc, settings.writeLimitPerMinute()),
                Clock.systemUTC(),
                UUID::randomUUID);
    }

    @Bean
    RatingCommandsFunction ratingCommands(
            RecordingRatings ratings,
            ManagingProfile profiles,
            ErasingPersonalData erasure,
            ExportingPersonalData export,
            KeepingDiary diary,
            KeepingWatchlist watchlist,
            VotingHelpful helpful,
            KeepingTags tags) {
        return new RatingCommandsFunction(
                ratings, profiles, erasure, export, diary, watchlist, helpful, tags, Clock.systemUTC());
    }

    @Bean
    OutboxRelayFunction outboxRelay(
            Outbox outbox, EventPublisher publisher, JdbcClient jdbc, CommandSettings settings) {
        return new OutboxRelayFunction(
                new RelayingOutbox(outbox, publisher), outbox, settings.outboxRelayMinAge(), new PipelineGauges(jdbc));
    }

    /** Run by SnapStart's checkpoint hook on AWS (DatabaseCheckpointHooks), never on a request. */
    @Bean
    CommandWarmUp commandWarmUp(ObjectProvider<FunctionCatalog> catalog, JdbcClient jdbc) {
        return new CommandWarmUp(() -> catalog.getObject().lookup("ratingCommands", "application/json"), jdbc);
    }
}
