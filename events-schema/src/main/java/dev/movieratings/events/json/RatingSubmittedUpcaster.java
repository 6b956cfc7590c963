package dev.movieratings.events.json;

import dev.movieratings.events.RatingSubmitted;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a RatingSubmitted of schema version 1 as version 2. Version 2 carries no review text (it lives in the
 * deletable personal store), so the text is checked and dropped; and it added {@code channel} (how the rating
 * came in), which a version 1 event did not record, so it reads as {@value RatingSubmitted#UNRECORDED}. Every
 * other field means the same in both versions. (The privacy migration V60 rewrote the stored version 1 events
 * that carried a text to version 2 once; the ones without a text, and copies outside the table, are upcast
 * here on every read.)
 *
 * <p>The way to add a version: a new schema file and golden files beside the old ones, the record and
 * {@link RatingEventJson} read and write the newest, one upcaster per step (v1 → v2, v2 → v3 …), the
 * rebuild's SQL fold taught any field it reads that moved, and the projector deployed before the writers.
 */
public final class RatingSubmittedUpcaster {

    private RatingSubmittedUpcaster() {}

    /** A copy of the version 1 event as version 2; the stored JSON is left as it is. */
    public static ObjectNode toVersion2(JsonNode version1) {
        ObjectNode version2 = ((ObjectNode) version1).deepCopy();
        version2.put("schemaVersion", 2);
        version2.put("channel", RatingSubmitted.UNRECORDED);
        if (version2.get("review") instanceof ObjectNode review) {
            JsonNode text = review.get("text");
            if (text == null || !text.isString()) {
                throw new UnreadableEvent("a version 1 review must have a string field 'text'");
            }
            review.remove("text");
        }
        return version2;
    }
}
