package dev.movieratings.events.json;

import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.RatingEvent;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The tag stream's events (issue 19) in JSON: ids only, never a tag's text (which is in the personal store). */
final class TagEventJson {

    private TagEventJson() {}

    static void write(RatingEvent event, ObjectNode node) {
        if (event instanceof MovieTagged tagged) {
            node.put("tagId", tagged.tagId().toString());
        } else if (event instanceof MovieUntagged untagged) {
            putUuid(node, "tagId", untagged.tagId());
            putUuid(node, "erasureId", untagged.erasureId());
        }
    }

    static RatingEvent read(JsonNode node, String type, int schemaVersion) {
        RatingEventJson.requireVersion(type, schemaVersion, 1);
        UUID eventId = UUID.fromString(RatingEventJson.text(node, "eventId"));
        String userId = RatingEventJson.text(node, "userId");
        long movieId = RatingEventJson.longValue(node, "movieId");
        int streamVersion = RatingEventJson.integer(node, "streamVersion");
        Instant occurredAt = Instant.parse(RatingEventJson.text(node, "occurredAt"));
        if (type.equals(MovieTagged.TYPE)) {
            return new MovieTagged(
                    eventId,
                    userId,
                    movieId,
                    streamVersion,
                    occurredAt,
                    UUID.fromString(RatingEventJson.text(node, "tagId")));
        }
        return new MovieUntagged(
                eventId, userId, movieId, streamVersion, occurredAt, uuid(node, "tagId"), uuid(node, "erasureId"));
    }

    private static void putUuid(ObjectNode node, String field, @Nullable UUID value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }

    private static @Nullable UUID uuid(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(RatingEventJson.text(node, field));
    }
}
