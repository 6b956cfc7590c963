package dev.movieratings.command.infrastructure;

import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.settings.FunctionSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The command and relay functions' environment, checked at start-up (each component is the variable
 * of the same name in upper snake case: {@code eventBusName} is EVENT_BUS_NAME).
 *
 * @param eventBusKind eventbridge (AWS) or sqs (the local runtime's bus)
 * @param eventBusName the EventBridge bus the events go to
 * @param ratingEventsSource the events' source on the bus; the bus rule and the publish permission match it
 * @param eventBusEndpoint an EventBridge endpoint other than AWS's (tests), empty for AWS's
 * @param localBusQueueUrl with kind sqs: the queue the local bus writes the envelopes to
 * @param localBusSqsEndpoint with kind sqs: the SQS API that queue is on
 * @param eventBusRetryAttempts attempts per PutEvents call, 1 or more
 * @param eventBusRetryBackoffMs first back-off between attempts, doubling
 * @param eventBusFailureRate chaos runs only: the share of publishes made to fail, 0 to 1 (0: off)
 * @param writeLimitPerMinute ratings one user may write per minute
 * @param outboxRelayMinAgeMs the relay leaves events younger than this to the command's own publish
 */
@ConfigurationProperties
public record CommandSettings(
        @DefaultValue("eventbridge") String eventBusKind,
        @DefaultValue("movie-ratings") String eventBusName,
        @DefaultValue(BusEnvelope.DEFAULT_SOURCE) String ratingEventsSource,
        @DefaultValue("") String eventBusEndpoint,
        @DefaultValue("") String localBusQueueUrl,
        @DefaultValue("") String localBusSqsEndpoint,
        @DefaultValue("3") int eventBusRetryAttempts,
        @DefaultValue("100") long eventBusRetryBackoffMs,
        @DefaultValue("0") double eventBusFailureRate,
        @DefaultValue("60") int writeLimitPerMinute,
        @DefaultValue("5000") long outboxRelayMinAgeMs) {

    public CommandSettings {
        if (!eventBusKind.equals("eventbridge") && !eventBusKind.equals("sqs")) {
            throw FunctionSettings.invalid("eventBusKind", eventBusKind, "must be eventbridge or sqs");
        }
        if (eventBusKind.equals("sqs") && (localBusQueueUrl.isBlank() || localBusSqsEndpoint.isBlank())) {
            throw FunctionSettings.invalid(
                    "eventBusKind", eventBusKind, "needs LOCAL_BUS_QUEUE_URL and LOCAL_BUS_SQS_ENDPOINT");
        }
        if (eventBusName.isBlank()) {
            throw FunctionSettings.invalid("eventBusName", eventBusName, "must not be empty");
        }
        if (ratingEventsSource.isBlank()) {
            throw FunctionSettings.invalid("ratingEventsSource", ratingEventsSource, "must not be empty");
        }
        if (eventBusRetryAttempts < 1) {
            throw FunctionSettings.invalid("eventBusRetryAttempts", eventBusRetryAttempts, "must be 1 or more");
        }
        if (eventBusRetryBackoffMs < 1) {
            throw FunctionSettings.invalid("eventBusRetryBackoffMs", eventBusRetryBackoffMs, "must be 1 or more");
        }
        if (!(eventBusFailureRate >= 0 && eventBusFailureRate <= 1)) {
            throw FunctionSettings.invalid("eventBusFailureRate", eventBusFailureRate, "must be between 0 and 1");
        }
        if (writeLimitPerMinute < 1) {
            throw FunctionSettings.invalid("writeLimitPerMinute", writeLimitPerMinute, "must be 1 or more");
        }
        if (outboxRelayMinAgeMs < 0) {
            throw FunctionSettings.invalid("outboxRelayMinAgeMs", outboxRelayMinAgeMs, "must be 0 or more");
        }
    }

    Duration outboxRelayMinAge() {
        return Duration.ofMillis(outboxRelayMinAgeMs);
    }
}
