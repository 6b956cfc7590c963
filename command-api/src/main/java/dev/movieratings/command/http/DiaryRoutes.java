package dev.movieratings.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.command.application.KeepingDiary;
import dev.movieratings.command.application.Viewing;
import dev.movieratings.events.Review;
import dev.movieratings.http.BadRequest;
import dev.movieratings.http.Excerpt;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.HttpResponses;
import dev.movieratings.http.JsonBodies;
import dev.movieratings.http.Problem;
import dev.movieratings.rating.InvalidRating;
import dev.movieratings.rating.Stars;
import dev.movieratings.rating.diary.DiaryNote;
import dev.movieratings.rating.diary.WatchedOn;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The caller's diary: log a viewing ({@code POST /api/me/diary}), change or delete one
 * ({@code PUT}/{@code DELETE /api/me/diary/{entryId}}). An entry id that is not the caller's is answered
 * exactly as one that does not exist (404), so ids tell nothing about other people's diaries.
 */
final class DiaryRoutes {

    static final String POST_DIARY = "POST /api/me/diary";
    static final String PUT_DIARY_ENTRY = "PUT /api/me/diary/{entryId}";
    static final String DELETE_DIARY_ENTRY = "DELETE /api/me/diary/{entryId}";

    private static final Set<String> LOG_FIELDS = Set.of("movieId", "watchedOn", "rewatch", "stars", "review", "note");
    private static final Set<String> EDIT_FIELDS = Set.of("watchedOn", "rewatch", "stars", "review", "note");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Map<String, String> PRIVATE = Map.of("cache-control", "no-store");

    private final KeepingDiary diary;
    private final Clock clock;

    DiaryRoutes(KeepingDiary diary, Clock clock) {
        this.diary = diary;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse log(HttpRequest request) {
        String userId = request.requireCaller().userId();
        String key = RatingRequests.idempotencyKey(request);
        JsonNode body = JsonBodies.readObject(request);
        RatingRequests.rejectUnknownFields(body, LOG_FIELDS, "");
        long movieId = movieId(body.get("movieId"));
        KeepingDiary.Written written = diary.log(userId, movieId, viewing(body), key);
        Map<String, String> headers = new LinkedHashMap<>(PRIVATE);
        headers.put("location", "/api/me/diary/" + written.entryId());
        return HttpResponses.json(201, answer(written), headers);
    }

    APIGatewayV2HTTPResponse edit(HttpRequest request) {
        String userId = request.requireCaller().userId();
        UUID entryId = entryId(request);
        JsonNode body = JsonBodies.readObject(request);
        RatingRequests.rejectUnknownFields(body, EDIT_FIELDS, "");
        return HttpResponses.json(200, answer(diary.edit(userId, entryId, viewing(body))), PRIVATE);
    }

    APIGatewayV2HTTPResponse delete(HttpRequest request) {
        String userId = request.requireCaller().userId();
        Optional<KeepingDiary.Written> deleted = diary.delete(userId, entryId(request));
        return deleted.isPresent()
                ? HttpResponses.json(200, answer(deleted.get()), PRIVATE)
                : HttpResponses.json(200, Map.of("entryId", entryId(request).toString(), "deleted", true), PRIVATE);
    }

    private Viewing viewing(JsonNode body) {
        JsonNode watched = body.get("watchedOn");
        if (watched == null || !watched.isString()) {
            throw new InvalidRating("watchedOn", "watchedOn is required: a date written yyyy-MM-dd");
        }
        LocalDate watchedOn = WatchedOn.parse(watched.stringValue(), clock);
        JsonNode rewatch = body.get("rewatch");
        if (rewatch == null || !rewatch.isBoolean()) {
            throw new InvalidRating("rewatch", "rewatch is required: true or false");
        }
        JsonNode starsNode = body.get("stars");
        Stars stars = null;
        if (starsNode != null && !starsNode.isNull()) {
            if (!starsNode.isNumber()) {
                throw new InvalidRating("stars", "stars must be a number, a half star from 0.5 to 5.0");
            }
            stars = Stars.of(starsNode.decimalValue());
        }
        Review review = RatingRequests.review(body.get("review"));
        if (review != null && stars == null) {
            throw new InvalidRating("review", "a review goes with a rating: give stars with it");
        }
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && !note.isString()) {
            throw new InvalidRating("note", "note must be a string");
        }
        return new Viewing(
                watchedOn,
                rewatch.booleanValue(),
                stars,
                review,
                note == null || note.isNull() ? null : DiaryNote.of(note.stringValue()));
    }

    private static long movieId(@Nullable JsonNode movieId) {
        if (movieId == null || !movieId.isIntegralNumber() || !movieId.canConvertToLong() || movieId.longValue() < 1) {
            throw new InvalidRating("movieId", "movieId is required: a movie's id, a whole number from 1");
        }
        return movieId.longValue();
    }

    private static UUID entryId(HttpRequest request) {
        String raw = request.pathParameter("entryId").orElse("");
        if (!UUID_TEXT.matcher(raw).matches()) {
            throw new BadRequest(Problem.notFound("there is no diary entry '" + Excerpt.of(raw) + "' in your diary"));
        }
        return UUID.fromString(raw);
    }

    private static Map<String, Object> answer(KeepingDiary.Written written) {
        return Map.of(
                "entryId",
                written.entryId().toString(),
                "eventId",
                written.last().eventId().toString(),
                "position",
                written.last().position(),
                "streamVersion",
                written.last().streamVersion(),
                "ratingSet",
                written.ratingSet());
    }
}
