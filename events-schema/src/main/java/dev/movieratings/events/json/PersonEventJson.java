package dev.movieratings.events.json;

import dev.movieratings.events.PersonErased;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The person stream's event (issue 16) in JSON: no movieId (the stream has no film), ids and a count only. */
final class PersonEventJson {

    private PersonEventJson() {}

    static void write(PersonErased erased, ObjectNode node) {
        node.put("erasureId", erased.erasureId().toString());
        node.put("streams", erased.streams());
    }

    static PersonErased read(JsonNode node, int schemaVersion) {
        RatingEventJson.requireVersion(PersonErased.TYPE, schemaVersion, PersonErased.SCHEMA_VERSION);
        if (node.has("movieId")) {
            throw new UnreadableEvent("PersonErased belongs to no film, so it has no movieId");
        }
        return new PersonErased(
                UUID.fromString(RatingEventJson.text(node, "eventId")),
                RatingEventJson.text(node, "userId"),
                RatingEventJson.integer(node, "streamVersion"),
                Instant.parse(RatingEventJson.text(node, "occurredAt")),
                UUID.fromString(RatingEventJson.text(node, "erasureId")),
                RatingEventJson.integer(node, "streams"));
    }
}
