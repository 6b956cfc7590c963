package dev.movieratings.ops.lambda;

import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.ops.pipeline.AuditLog;
import dev.movieratings.ops.pipeline.ParkedEvents;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {"action":"park"} on the ops Lambda: the same parking as {@code ops events park}. The caller names
 * themselves in "requestedBy" (an IAM invoke carries no caller identity into the function), recorded as
 * "lambda:&lt;requestedBy&gt;" in the audit log.
 */
final class LambdaParking {

    private LambdaParking() {}

    static Map<String, Object> park(JdbcClient jdbc, Map<String, Object> request) {
        String requestedBy = text(request, "requestedBy");
        String reason = text(request, "reason");
        UUID eventId;
        try {
            eventId = UUID.fromString(text(request, "eventId"));
        } catch (IllegalArgumentException e) {
            return Map.of("error", "eventId must be an event id (a UUID)");
        }
        if (requestedBy.isBlank() || reason.isBlank() || reason.length() > 500) {
            return Map.of("error", "park needs requestedBy and a reason of 1 to 500 characters");
        }
        String actor = "lambda:" + requestedBy.strip();
        ParkedEvents parked = new ParkedEvents(jdbc);
        StoredEvent stored = parked.event(eventId).orElse(null);
        if (stored == null) {
            return Map.of("error", "there is no event " + eventId);
        }
        AuditLog audit = new AuditLog(jdbc);
        try {
            long watermark = parked.park(stored, reason.strip(), actor);
            audit.record(actor, "park", eventId, reason.strip(), "parked at position " + stored.position());
            return Map.of("parked", eventId.toString(), "position", stored.position(), "watermark", watermark);
        } catch (ParkedEvents.Refused e) {
            audit.record(actor, "park", eventId, reason.strip(), "refused: " + e.getMessage());
            return Map.of("error", e.getMessage());
        }
    }

    private static String text(Map<String, Object> request, String field) {
        Object value = request.get(field);
        return value instanceof String s ? s : "";
    }
}
