package dev.movieratings.ops.lambda;

import dev.movieratings.ops.pipeline.AwsClients;
import dev.movieratings.ops.pipeline.Replay;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {"action":"retry","eventId":…,"requestedBy":…} and {"action":"replay-parked","requestedBy":…} on the ops
 * Lambda, optionally with "waitSeconds" (default 30, at most 600): the same {@link Replay} as
 * {@code ops events retry | replay-parked}, through the queue PROJECTION_QUEUE_URL names.
 */
final class LambdaReplay {

    static final List<String> ACTIONS = List.of("retry", "replay-parked");
    private static final int DEFAULT_WAIT_SECONDS = 30;
    private static final int MAX_WAIT_SECONDS = 600;

    private LambdaReplay() {}

    static Map<String, Object> handle(
            JdbcClient jdbc, Function<String, @Nullable String> settings, String action, Map<String, Object> request) {
        String requestedBy = request.get("requestedBy") instanceof String s ? s.strip() : "";
        if (requestedBy.isEmpty()) {
            return Map.of("error", action + " needs requestedBy (who asks)");
        }
        Object wait = request.getOrDefault("waitSeconds", DEFAULT_WAIT_SECONDS);
        if (!(wait instanceof Integer seconds) || seconds < 1 || seconds > MAX_WAIT_SECONDS) {
            return Map.of(
                    "error", "waitSeconds must be a whole number from 1 to " + MAX_WAIT_SECONDS + ", not " + wait);
        }
        String queueUrl = settings.apply("PROJECTION_QUEUE_URL");
        if (queueUrl == null || queueUrl.isBlank()) {
            return Map.of("error", "PROJECTION_QUEUE_URL is not set: there is no projector queue to send to");
        }
        try (SqsClient sqs = AwsClients.sqs(settings)) {
            Replay replay = new Replay(
                    jdbc, body -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)));
            List<UUID> ids;
            if (action.equals("retry")) {
                try {
                    ids = List.of(UUID.fromString(request.get("eventId") instanceof String s ? s : ""));
                } catch (IllegalArgumentException e) {
                    return Map.of("error", "eventId must be an event id (a UUID)");
                }
            } else {
                ids = replay.parked();
            }
            List<Replay.Outcome> outcomes =
                    replay.replay(action, ids, Duration.ofSeconds(seconds), "lambda:" + requestedBy);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put(
                    "applied", outcomes.stream().filter(Replay.Outcome::applied).count());
            answer.put(
                    "notApplied",
                    outcomes.stream()
                            .filter(o -> !o.applied())
                            .map(o -> Map.of("eventId", o.eventId().toString(), "position", o.position()))
                            .toList());
            return answer;
        } catch (Replay.Refused e) {
            return Map.of("error", e.getMessage());
        }
    }
}
