package dev.movieratings.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.command.application.KeepingTags;
import dev.movieratings.command.application.TagChange;
import dev.movieratings.http.BadRequest;
import dev.movieratings.http.Excerpt;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.HttpResponses;
import dev.movieratings.http.JsonBodies;
import dev.movieratings.http.Problem;
import dev.movieratings.rating.InvalidRating;
import dev.movieratings.rating.tag.TagText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The caller's own tags on a film (issue 19): {@code POST /api/me/tags/{movieId}} with {@code {"tag": "..."}} puts
 * one on, {@code DELETE /api/me/tags/{movieId}?tag=...} takes one off (the tag is text, so not a path segment: a
 * "/" in it would split the path). 202 when the command appended an event, 200 when the tags already said so.
 */
final class TagRoutes {

    static final String POST_TAG = "POST /api/me/tags/{movieId}";
    static final String DELETE_TAG = "DELETE /api/me/tags/{movieId}";

    private static final Set<String> FIELDS = Set.of("tag");

    private final KeepingTags tags;

    TagRoutes(KeepingTags tags) {
        this.tags = tags;
    }

    APIGatewayV2HTTPResponse add(HttpRequest request) {
        String userId = request.requireCaller().userId();
        long movieId = movieId(request);
        JsonNode body = JsonBodies.readObject(request);
        RatingRequests.rejectUnknownFields(body, FIELDS, "");
        JsonNode tag = body.get("tag");
        if (tag == null || !tag.isString()) {
            throw new InvalidRating(TagText.FIELD, "tag must be a string");
        }
        return answer(tags.add(userId, movieId, tag.asString()));
    }

    APIGatewayV2HTTPResponse remove(HttpRequest request) {
        String userId = request.requireCaller().userId();
        long movieId = movieId(request);
        String tag = request.queryParameter("tag")
                .orElseThrow(() -> new BadRequest(Problem.invalidParameter("tag", "say which tag: ?tag=")));
        return answer(tags.remove(userId, movieId, tag));
    }

    private static long movieId(HttpRequest request) {
        String raw = request.pathParameter("movieId").orElse("");
        if (!raw.matches("[1-9][0-9]{0,17}")) {
            throw new BadRequest(Problem.notFound("there is no movie with id '" + Excerpt.of(raw) + "'"));
        }
        return Long.parseLong(raw);
    }

    private static APIGatewayV2HTTPResponse answer(TagChange change) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("movieId", change.movieId());
        body.put("tag", change.tag());
        body.put("tagged", change.tagged());
        body.put("eventId", change.eventId() == null ? null : change.eventId().toString());
        body.put("position", change.position());
        body.put("streamVersion", change.streamVersion());
        return HttpResponses.json(change.eventId() == null ? 200 : 202, body, Map.of("cache-control", "no-store"));
    }
}
