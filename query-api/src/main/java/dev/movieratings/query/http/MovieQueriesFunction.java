package dev.movieratings.query.http;

import static dev.movieratings.query.http.QueryParameters.cursor;
import static dev.movieratings.query.http.QueryParameters.limit;
import static dev.movieratings.query.http.QueryParameters.movieFilter;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.http.ApiGatewayFunction;
import dev.movieratings.http.BadRequest;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.HttpResponses;
import dev.movieratings.http.Problem;
import dev.movieratings.query.application.AverageVisibility;
import dev.movieratings.query.application.DiaryQueries;
import dev.movieratings.query.application.DiscoveryQueries;
import dev.movieratings.query.application.MovieQueries;
import dev.movieratings.query.application.Page;
import dev.movieratings.query.application.PersonalQueries;
import dev.movieratings.query.application.TagQueries;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query Lambda: movies, a movie, its reviews, the caller's ratings. Every answer says which
 * projection position it reflects (body {@code projectedThrough}, header {@code x-projected-through}):
 * a low watermark, so a client whose write got position p sees it once projectedThrough ≥ p.
 * Each route's work is in the routes class of its concern; this class dispatches and shapes the answer.
 */
public class MovieQueriesFunction extends ApiGatewayFunction {

    /** Public reads may be reused for a few seconds; a client that must see its own write revalidates (ETag). */
    static final String PUBLIC_CACHE = "public, max-age=5";
    /** The caller's own data: never in a shared cache, always revalidated. */
    static final String PRIVATE_CACHE = "private, no-cache";

    private final MovieQueries queries;
    private final AverageVisibility averageVisibility;
    private final MovieRoutes movies;
    private final ReviewRoutes reviews;
    private final DiaryReads diary;
    private final PersonalRoutes personal;
    private final TagReads tags;

    public MovieQueriesFunction(
            MovieQueries queries,
            DiscoveryQueries discovery,
            AverageVisibility averageVisibility,
            DiaryQueries diary,
            PersonalQueries personal,
            TagQueries tags,
            Clock clock) {
        this.queries = queries;
        this.averageVisibility = averageVisibility;
        this.tags = new TagReads(tags);
        this.movies = new MovieRoutes(queries, discovery, averageVisibility, this.tags);
        this.reviews = new ReviewRoutes(queries, movies);
        this.diary = new DiaryReads(diary, clock);
        this.personal = new PersonalRoutes(personal, queries, averageVisibility);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
        long projectedThrough = queries.projectedThrough();
        try {
            Object body = switch (request.routeKey()) {
                case "GET /api/movies" -> movies.movies(request);
                case "GET /api/movies/{id}" -> movies.movie(request);
                case "GET /api/movies/{id}/reviews" -> reviews.reviews(request);
                case "GET /api/movies/{id}/history" -> movies.history(request);
                case "GET /api/movies/{id}/similar" -> movies.similar(request);
                case "GET /api/me/ratings" -> personal.ratings(request);
                // the diary (issue 20)
                case "GET /api/me/diary" -> diary.year(request, limit(request), cursor(request));
                case "GET /api/me/diary/{entryId}" -> diary.entry(request);
                // issue 20: the caller's watchlist and profile page
                case "GET /api/me/watchlist" ->
                    personal.watchlist(request, movieFilter(request), limit(request), cursor(request));
                case "GET /api/me/profile/summary" -> personal.summary(request);
                case "GET /api/me/helpful" -> reviews.myHelpfulVotes(request);
                // tags (issue 19)
                case "GET /api/me/tags" -> tags.mine(request, movieFilter(request));
                default -> throw new BadRequest(Problem.unknownRoute(request.method() + " " + request.path()));
            };
            Map<String, Object> json = body instanceof Page<?> page
                    ? MovieJson.page(page, averageVisibility)
                    : body instanceof Map<?, ?> ? castMap(body) : asMap(body);
            json.put("projectedThrough", projectedThrough);
            return ConditionalResponses.json(
                    request,
                    json,
                    Map.of(
                            "x-projected-through",
                            Long.toString(projectedThrough),
                            "cache-control",
                            request.routeKey().contains("/me/") ? PRIVATE_CACHE : PUBLIC_CACHE));
        } catch (MovieQueries.InvalidCursor e) {
            return HttpResponses.problem(Problem.invalidParameter("cursor", e.getMessage()));
        } catch (MovieQueries.SearchRequired e) {
            return HttpResponses.problem(Problem.invalidParameter("sort", e.getMessage()));
        }
    }

    /** A record answer (the profile summary) as a JSON object, so projectedThrough can join it. */
    private static Map<String, Object> asMap(Object body) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (var component : body.getClass().getRecordComponents()) {
            try {
                json.put(component.getName(), component.getAccessor().invoke(body));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName(), e);
            }
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object body) {
        return (Map<String, Object>) body;
    }
}
