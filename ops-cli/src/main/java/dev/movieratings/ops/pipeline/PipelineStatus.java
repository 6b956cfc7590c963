package dev.movieratings.ops.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the pipeline stands, for {@code ops status} and the ops Lambda: how far the projections are
 * applied, what holds them back (the first event above the watermark not applied, with the failure
 * the projector recorded for it), and the queues and outbox that feed them.
 *
 * @param watermark          every event at or below it is decided (applied, or parked by an operator)
 * @param highestPosition    the highest position in the event table
 * @param eventsAbove        events above the watermark (the lag in events)
 * @param lagSeconds         how long the first undecided event has waited since it was recorded, 0 if none
 * @param firstUndecided     the event that holds the watermark, or null when nothing does
 * @param parkedEvents       events an operator set aside (decided, not applied)
 * @param deadLetterDepth    messages in the projector's dead-letter queue, or null when the queue is unknown
 * @param outboxBacklog      committed events not yet published to the bus
 * @param oldestUnpublishedSeconds age of the oldest of them, 0 if none
 * @param projector          whether an operator paused the projector, by whom, when and why
 */
public record PipelineStatus(
        long watermark,
        long highestPosition,
        long eventsAbove,
        long lagSeconds,
        @Nullable Stuck firstUndecided,
        long parkedEvents,
        @Nullable Long deadLetterDepth,
        long outboxBacklog,
        long oldestUnpublishedSeconds,
        ProjectorControl.State projector) {

    /** The first event above the watermark the projections do not hold, and why, if the projector said. */
    public record Stuck(
            long position,
            String eventId,
            String type,
            String userId,
            long movieId,
            @Nullable Instant recordedAt,
            @Nullable String error,
            int failures,
            @Nullable Instant lastFailedAt) {}

    /** Field names as in the JSON of {@code ops status --json} and of the Lambda's answer. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("watermark", watermark);
        json.put("highestPosition", highestPosition);
        json.put("lagEvents", eventsAbove);
        json.put("lagSeconds", lagSeconds);
        json.put("firstUndecided", firstUndecided == null ? null : stuckJson(firstUndecided));
        json.put("parkedEvents", parkedEvents);
        json.put("deadLetterDepth", deadLetterDepth);
        json.put("outboxBacklog", outboxBacklog);
        json.put("oldestUnpublishedSeconds", oldestUnpublishedSeconds);
        json.put("projectorPaused", projector.paused());
        json.put("projectorSwitchedBy", projector.changedBy());
        json.put(
                "projectorSwitchedAt",
                projector.changedAt() == null ? null : projector.changedAt().toString());
        json.put("projectorSwitchReason", projector.reason());
        return json;
    }

    private static Map<String, Object> stuckJson(Stuck stuck) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("position", stuck.position());
        json.put("eventId", stuck.eventId());
        json.put("type", stuck.type());
        json.put("userId", stuck.userId());
        json.put("movieId", stuck.movieId());
        json.put(
                "recordedAt",
                stuck.recordedAt() == null ? null : stuck.recordedAt().toString());
        json.put("error", stuck.error());
        json.put("failures", stuck.failures());
        json.put(
                "lastFailedAt",
                stuck.lastFailedAt() == null ? null : stuck.lastFailedAt().toString());
        return json;
    }
}
