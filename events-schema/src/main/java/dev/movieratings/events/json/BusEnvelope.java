package dev.movieratings.events.json;

import dev.movieratings.events.RatingEvent;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The envelope an EventBridge rule hands its SQS target: version, id, detail-type, source, account,
 * time, region, resources, and the event itself as detail. The local bus writes exactly this, and the
 * projector reads it, so both environments carry the same message body.
 */
public final class BusEnvelope {

    /** The command side's source unless configured otherwise (RATING_EVENTS_SOURCE, Terraform's default). */
    public static final String DEFAULT_SOURCE = "movie-ratings.command-api";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private BusEnvelope() {}

    /** The envelope of an event from the default source (tests and benchmarks). */
    public static String wrap(RatingEvent event, String account, String region, Instant deliveredAt) {
        return wrap(event, DEFAULT_SOURCE, account, region, deliveredAt);
    }

    public static String wrap(RatingEvent event, String source, String account, String region, Instant deliveredAt) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", event.type());
        envelope.put("source", source);
        envelope.put("account", account);
        envelope.put(
                "time",
                deliveredAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        envelope.put("region", region);
        envelope.putArray("resources");
        envelope.set("detail", RatingEventJson.toTree(event));
        return MAPPER.writeValueAsString(envelope);
    }

    public static RatingEvent unwrap(String body) {
        JsonNode envelope;
        try {
            envelope = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new UnreadableEvent("message body is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode detail = envelope.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new UnreadableEvent("message body is not an EventBridge envelope with an object 'detail'");
        }
        RatingEvent event = RatingEventJson.fromTree(detail);
        JsonNode detailType = envelope.get("detail-type");
        if (detailType != null && !event.type().equals(detailType.asString())) {
            throw new UnreadableEvent(
                    "detail-type '" + detailType.asString() + "' does not match event type '" + event.type() + "'");
        }
        return event;
    }
}
