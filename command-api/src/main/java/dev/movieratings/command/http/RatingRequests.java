package dev.movieratings.command.http;

import dev.movieratings.events.Review;
import dev.movieratings.http.BadRequest;
import dev.movieratings.http.Excerpt;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.Problem;
import dev.movieratings.rating.InvalidRating;
import dev.movieratings.rating.ReviewText;
import dev.movieratings.rating.Stars;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads the parts of a rating request: the movie id in the path, the key header, the JSON body. */
final class RatingRequests {

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final Set<String> BODY_FIELDS = Set.of("stars", "review");
    private static final Set<String> REVIEW_FIELDS = Set.of("text", "spoiler");

    private RatingRequests() {}

    record RatingBody(Stars stars, @Nullable Review review) {}

    static long movieId(HttpRequest request) {
        String raw = request.pathParameter("id").orElse("");
        if (!raw.matches("[1-9][0-9]{0,17}")) {
            throw new BadRequest(Problem.notFound("there is no movie with id '" + Excerpt.of(raw) + "'"));
        }
        return Long.parseLong(raw);
    }

    static @Nullable String idempotencyKey(HttpRequest request) {
        String key = request.header("idempotency-key").orElse(null);
        if (key == null) {
            return null;
        }
        if (key.isEmpty()
                || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new BadRequest(Problem.of(
                    "invalid-idempotency-key",
                    "Invalid Idempotency-Key",
                    400,
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters"));
        }
        return key;
    }

    static RatingBody body(JsonNode body) {
        rejectUnknownFields(body, BODY_FIELDS, "");
        JsonNode stars = body.get("stars");
        if (stars == null || stars.isNull()) {
            throw new InvalidRating("stars", "stars is required: a half star from 0.5 to 5.0");
        }
        if (!stars.isNumber()) {
            throw new InvalidRating("stars", "stars must be a number, a half star from 0.5 to 5.0");
        }
        return new RatingBody(Stars.of(stars.decimalValue()), review(body.get("review")));
    }

    static @Nullable Review review(@Nullable JsonNode review) {
        if (review == null || review.isNull()) {
            return null;
        }
        if (!review.isObject()) {
            throw new InvalidRating("review", "review must be an object with 'text' and optionally 'spoiler'");
        }
        rejectUnknownFields(review, REVIEW_FIELDS, "review.");
        JsonNode text = review.get("text");
        if (text == null || !text.isString()) {
            throw new InvalidRating("review.text", "review.text must be a string");
        }
        JsonNode spoiler = review.get("spoiler");
        if (spoiler != null && !spoiler.isNull() && !spoiler.isBoolean()) {
            throw new InvalidRating("review.spoiler", "review.spoiler must be true or false");
        }
        // "spoiler": null means not a spoiler (Jackson 3's NullNode refuses booleanValue())
        return ReviewText.of(text.stringValue(), spoiler != null && !spoiler.isNull() && spoiler.booleanValue());
    }

    static void rejectUnknownFields(JsonNode node, Set<String> allowed, String prefix) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new InvalidRating(
                        prefix + Excerpt.of(name),
                        "unknown field '" + prefix + Excerpt.of(name) + "'; allowed: " + allowed);
            }
        }
    }
}
