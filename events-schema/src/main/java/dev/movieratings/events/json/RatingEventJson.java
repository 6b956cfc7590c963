// Over 250 lines: each event type's hand-written writer and reader side by side, so the wire format reads in one place.
package dev.movieratings.events.json;

import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.HelpfulVote;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieUnwatchlisted;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.PersonErased;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.ReviewMarkedHelpful;
import dev.movieratings.events.ReviewUnmarkedHelpful;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes and reads rating events as the JSON their schemas (schemas/*.schema.json) describe. Written by
 * hand rather than by reflection so the wire format cannot drift when a record changes; reading checks
 * the type and schema version so old events stay readable when a new version appears: an old version is
 * first upcast to the newest ({@link RatingSubmittedUpcaster}), then read as it; only the newest is written.
 * A review's text is never written (it lives in the personal store).
 */
public final class RatingEventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CHANNELS =
            List.of(RatingSubmitted.API, RatingSubmitted.IMPORT, RatingSubmitted.UNRECORDED, RatingSubmitted.DIARY);

    private RatingEventJson() {}

    public static String write(RatingEvent event) {
        return MAPPER.writeValueAsString(toTree(event));
    }

    public static ObjectNode toTree(RatingEvent event) {
        ObjectNode node = NODES.objectNode();
        node.put("type", event.type());
        node.put("schemaVersion", event.schemaVersion());
        node.put("eventId", event.eventId().toString());
        node.put("userId", event.userId());
        if (!(event instanceof PersonErased)) {
            node.put("movieId", event.movieId()); // the person stream has no film
        }
        node.put("streamVersion", event.streamVersion());
        node.put("occurredAt", event.occurredAt().toString());
        if (event instanceof RatingSubmitted submitted) {
            node.put("stars", submitted.stars());
            if (submitted.previousStars() == null) {
                node.putNull("previousStars");
            } else {
                node.put("previousStars", submitted.previousStars());
            }
            node.put("ratedSince", submitted.ratedSince().toString());
            if (submitted.review() == null) {
                node.putNull("review");
            } else {
                node.putObject("review").put("spoiler", submitted.review().spoiler());
            }
            node.put("channel", submitted.channel());
        } else if (event instanceof RatingRetracted retracted) {
            node.put("previousStars", retracted.previousStars());
        } else if (event instanceof RatingErased erased) {
            if (erased.previousStars() == null) {
                node.putNull("previousStars");
            } else {
                node.put("previousStars", erased.previousStars());
            }
            node.put("erasureId", erased.erasureId().toString());
        } else if (event instanceof MovieUnwatchlisted unwatchlisted) {
            UUID erasureId = unwatchlisted.erasureId();
            if (erasureId == null) {
                node.putNull("erasureId");
            } else {
                node.put("erasureId", erasureId.toString());
            }
        } else if (event instanceof DiaryEvent diary) {
            writeDiary(diary, node);
        } else if (event instanceof PersonErased erased) {
            PersonEventJson.write(erased, node);
        } else if (event instanceof HelpfulVote vote) {
            node.put("reviewId", vote.reviewId().toString());
            node.put("reviewAuthor", vote.reviewAuthor());
            if (vote instanceof ReviewUnmarkedHelpful unmarked) {
                UUID erasureId = unmarked.erasureId();
                if (erasureId == null) {
                    node.putNull("erasureId");
                } else {
                    node.put("erasureId", erasureId.toString());
                }
            }
        } else {
            TagEventJson.write(event, node);
        }
        return node;
    }

    public static RatingEvent read(String json) {
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (JacksonException e) {
            throw new UnreadableEvent("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static RatingEvent fromTree(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new UnreadableEvent("an event must be a JSON object");
        }
        String type = text(node, "type");
        int schemaVersion = integer(node, "schemaVersion");
        try {
            return switch (type) {
                case RatingSubmitted.TYPE -> readSubmitted(node, schemaVersion);
                case RatingRetracted.TYPE -> readRetracted(node, schemaVersion);
                case RatingErased.TYPE -> readErased(node, schemaVersion);
                // watchlist stream (issue 20)
                case MovieWatchlisted.TYPE -> readWatchlisted(node, schemaVersion);
                case MovieUnwatchlisted.TYPE -> readUnwatchlisted(node, schemaVersion);
                // helpful stream (issue 20)
                case ReviewMarkedHelpful.TYPE, ReviewUnmarkedHelpful.TYPE -> readVote(node, type, schemaVersion);
                case DiaryEntryLogged.TYPE, DiaryEntryEdited.TYPE, DiaryEntryDeleted.TYPE ->
                    readDiary(node, type, schemaVersion);
                // tag stream (issue 19)
                case MovieTagged.TYPE, MovieUntagged.TYPE -> TagEventJson.read(node, type, schemaVersion);
                // the person stream (issue 16)
                case PersonErased.TYPE -> PersonEventJson.read(node, schemaVersion);
                default -> throw new UnreadableEvent("unknown event type '" + type + "'");
            };
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new UnreadableEvent(type + " has a malformed field: " + e.getMessage(), e);
        }
    }

    private static RatingSubmitted readSubmitted(JsonNode stored, int schemaVersion) {
        requireVersion(RatingSubmitted.TYPE, schemaVersion, RatingSubmitted.SCHEMA_VERSION);
        JsonNode node = schemaVersion == 1 ? RatingSubmittedUpcaster.toVersion2(stored) : stored;
        JsonNode previous = node.get("previousStars");
        JsonNode review = node.get("review");
        return new RatingSubmitted(
                UUID.fromString(text(node, "eventId")),
                text(node, "userId"),
                longValue(node, "movieId"),
                integer(node, "streamVersion"),
                Instant.parse(text(node, "occurredAt")),
                number(node, "stars"),
                previous == null || previous.isNull() ? null : number(node, "previousStars"),
                Instant.parse(text(node, "ratedSince")),
                review == null || review.isNull() ? null : new Review(null, bool(review, "spoiler")),
                channel(node));
    }

    /**
     * Every writer sets the channel; a version 2 event without one was rewritten from version 1 by the
     * privacy migration (V60, which dropped the review text and left the channel out), so it did not say.
     */
    private static String channel(JsonNode node) {
        JsonNode value = node.get("channel");
        if (value == null) {
            return RatingSubmitted.UNRECORDED;
        }
        String channel = text(node, "channel");
        if (!CHANNELS.contains(channel)) {
            throw new UnreadableEvent("field 'channel' must be one of " + CHANNELS + ", not '" + channel + "'");
        }
        return channel;
    }

    private static RatingErased readErased(JsonNode node, int schemaVersion) {
        requireVersion(RatingErased.TYPE, schemaVersion, RatingErased.SCHEMA_VERSION);
        JsonNode previous = node.get("previousStars");
        return new RatingErased(
                UUID.fromString(text(node, "eventId")),
                text(node, "userId"),
                longValue(node, "movieId"),
                integer(node, "streamVersion"),
                Instant.parse(text(node, "occurredAt")),
                previous == null || previous.isNull() ? null : number(node, "previousStars"),
                UUID.fromString(text(node, "erasureId")));
    }

    private static MovieWatchlisted readWatchlisted(JsonNode node, int schemaVersion) {
        requireVersion(MovieWatchlisted.TYPE, schemaVersion, MovieWatchlisted.SCHEMA_VERSION);
        return new MovieWatchlisted(
                UUID.fromString(text(node, "eventId")),
                text(node, "userId"),
                longValue(node, "movieId"),
                integer(node, "streamVersion"),
                Instant.parse(text(node, "occurredAt")));
    }

    private static MovieUnwatchlisted readUnwatchlisted(JsonNode node, int schemaVersion) {
        requireVersion(MovieUnwatchlisted.TYPE, schemaVersion, MovieUnwatchlisted.SCHEMA_VERSION);
        JsonNode erasure = node.get("erasureId");
        return new MovieUnwatchlisted(
                UUID.fromString(text(node, "eventId")),
                text(node, "userId"),
                longValue(node, "movieId"),
                integer(node, "streamVersion"),
                Instant.parse(text(node, "occurredAt")),
                erasure == null || erasure.isNull() ? null : UUID.fromString(text(node, "erasureId")));
    }

    private static HelpfulVote readVote(JsonNode node, String type, int schemaVersion) {
        UUID eventId = UUID.fromString(text(node, "eventId"));
        String voter = text(node, "userId");
        long movieId = longValue(node, "movieId");
        int version = integer(node, "streamVersion");
        Instant occurredAt = Instant.parse(text(node, "occurredAt"));
        UUID reviewId = UUID.fromString(text(node, "reviewId"));
        String author = text(node, "reviewAuthor");
        if (ReviewMarkedHelpful.TYPE.equals(type)) {
            requireVersion(type, schemaVersion, ReviewMarkedHelpful.SCHEMA_VERSION);
            return new ReviewMarkedHelpful(eventId, voter, movieId, version, occurredAt, reviewId, author);
        }
        requireVersion(type, schemaVersion, ReviewUnmarkedHelpful.SCHEMA_VERSION);
        JsonNode erasure = node.get("erasureId");
        return new ReviewUnmarkedHelpful(
                eventId,
                voter,
                movieId,
                version,
                occurredAt,
                reviewId,
                author,
                erasure == null || erasure.isNull() ? null : UUID.fromString(text(node, "erasureId")));
    }

    private static RatingRetracted readRetracted(JsonNode node, int schemaVersion) {
        requireVersion(RatingRetracted.TYPE, schemaVersion, RatingRetracted.SCHEMA_VERSION);
        return new RatingRetracted(
                UUID.fromString(text(node, "eventId")),
                text(node, "userId"),
                longValue(node, "movieId"),
                integer(node, "streamVersion"),
                Instant.parse(text(node, "occurredAt")),
                number(node, "previousStars"));
    }

    // diary events: the entry's id, and for a logged or edited entry the whole entry (never its note)
    private static void writeDiary(DiaryEvent diary, ObjectNode node) {
        node.put("entryId", diary.entryId().toString());
        if (diary instanceof DiaryEntryLogged logged) {
            writeEntry(node, logged.watchedOn(), logged.rewatch(), logged.stars());
        } else if (diary instanceof DiaryEntryEdited edited) {
            writeEntry(node, edited.watchedOn(), edited.rewatch(), edited.stars());
            node.put("loggedAt", edited.loggedAt().toString());
        }
    }

    private static void writeEntry(ObjectNode node, LocalDate watchedOn, boolean rewatch, @Nullable Double stars) {
        node.put("watchedOn", watchedOn.toString());
        node.put("rewatch", rewatch);
        if (stars == null) {
            node.putNull("stars");
        } else {
            node.put("stars", stars);
        }
    }

    private static DiaryEvent readDiary(JsonNode node, String type, int schemaVersion) {
        requireVersion(type, schemaVersion, 1);
        UUID eventId = UUID.fromString(text(node, "eventId"));
        String userId = text(node, "userId");
        long movieId = longValue(node, "movieId");
        int streamVersion = integer(node, "streamVersion");
        Instant occurredAt = Instant.parse(text(node, "occurredAt"));
        UUID entryId = UUID.fromString(text(node, "entryId"));
        if (type.equals(DiaryEntryDeleted.TYPE)) {
            return new DiaryEntryDeleted(eventId, userId, movieId, streamVersion, occurredAt, entryId);
        }
        LocalDate watchedOn = LocalDate.parse(text(node, "watchedOn"));
        boolean rewatch = bool(node, "rewatch");
        JsonNode starsNode = node.get("stars");
        @Nullable Double stars = starsNode == null || starsNode.isNull() ? null : number(node, "stars");
        return type.equals(DiaryEntryLogged.TYPE)
                ? new DiaryEntryLogged(
                        eventId, userId, movieId, streamVersion, occurredAt, entryId, watchedOn, rewatch, stars)
                : new DiaryEntryEdited(
                        eventId,
                        userId,
                        movieId,
                        streamVersion,
                        occurredAt,
                        entryId,
                        watchedOn,
                        rewatch,
                        stars,
                        Instant.parse(text(node, "loggedAt")));
    }

    static void requireVersion(String type, int found, int known) {
        if (found < 1 || found > known) {
            throw new UnreadableEvent(
                    type + " schema version " + found + " is not known (newest known: " + known + ")");
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new UnreadableEvent("missing field '" + name + "'");
        }
        return value;
    }

    static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isString()) {
            throw new UnreadableEvent("field '" + name + "' must be a string");
        }
        return value.stringValue();
    }

    static int integer(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new UnreadableEvent("field '" + name + "' must be an integer");
        }
        return value.intValue();
    }

    static long longValue(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new UnreadableEvent("field '" + name + "' must be an integer");
        }
        return value.longValue();
    }

    private static double number(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isNumber()) {
            throw new UnreadableEvent("field '" + name + "' must be a number");
        }
        return value.doubleValue();
    }

    private static boolean bool(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isBoolean()) {
            throw new UnreadableEvent("field '" + name + "' must be a boolean");
        }
        return value.booleanValue();
    }
}
