package dev.movieratings.query.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.http.ApiGatewayFunction;
import dev.movieratings.http.BadRequest;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.HttpResponses;
import dev.movieratings.http.Problem;
import dev.movieratings.query.application.AverageVisibility;
import dev.movieratings.query.application.DiaryQueries;
import dev.movieratings.query.application.DiscoveryQueries;
import dev.movieratings.query.application.HistoryInterval;
import dev.movieratings.query.application.MovieDetail;
import dev.movieratings.query.application.MovieFilter;
import dev.movieratings.query.application.MovieQueries;
import dev.movieratings.query.application.MovieSort;
import dev.movieratings.query.application.MovieSummary;
import dev.movieratings.query.application.Page;
import dev.movieratings.query.application.PersonalQueries;
import dev.movieratings.query.application.ReviewSort;
import dev.movieratings.query.application.ScoreAsOf;
import dev.movieratings.query.application.SimilarMovies;
import dev.movieratings.query.application.TagQueries;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The query Lambda: movies, a movie, its reviews, the caller's ratings. Every answer says which
 * projection position it reflects (body {@code projectedThrough}, header {@code x-projected-through}):
 * a low watermark, so a client whose write got position p sees it once projectedThrough ≥ p.
 */
public class MovieQueriesFunction extends ApiGatewayFunction {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** Public reads may be reused for a few seconds; a client that must see its own write revalidates (ETag). */
    static final String PUBLIC_CACHE = "public, max-age=5";
    /** The caller's own data: never in a shared cache, always revalidated. */
    static final String PRIVATE_CACHE = "private, no-cache";

    private final MovieQueries queries;
    private final DiscoveryQueries discovery;
    private final AverageVisibility averageVisibility;
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
        this.discovery = discovery;
        this.averageVisibility = averageVisibility;
        this.diary = new DiaryReads(diary, clock);
        this.personal = new PersonalRoutes(personal);
        this.tags = new TagReads(tags);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
        long projectedThrough = queries.projectedThrough();
        try {
            Object body = switch (request.routeKey()) {
                case "GET /api/movies" -> movies(request);
                case "GET /api/movies/{id}" -> movie(request);
                case "GET /api/movies/{id}/reviews" -> reviews(request);
                case "GET /api/movies/{id}/history" -> history(request);
                case "GET /api/movies/{id}/similar" -> similar(request);
                case "GET /api/me/ratings" -> myRatings(request);
                // the diary (issue 20)
                case "GET /api/me/diary" -> diary.year(request, limit(request), cursor(request));
                case "GET /api/me/diary/{entryId}" -> diary.entry(request);
                // issue 20: the caller's watchlist and profile page
                case "GET /api/me/watchlist" ->
                    personal.watchlist(request, movieFilter(request), limit(request), cursor(request));
                case "GET /api/me/profile/summary" -> personal.summary(request);
                case "GET /api/me/helpful" -> myHelpfulVotes(request);
                // tags (issue 19)
                case "GET /api/me/tags" -> tags.mine(request, movieFilter(request));
                default -> throw new BadRequest(Problem.unknownRoute(request.method() + " " + request.path()));
            };
            Map<String, Object> json = body instanceof Page<?> page
                    ? pageJson(page)
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

    /**
     * With {@code movie=<id>} also the version of the caller's own stream on that movie the projections reflect;
     * without, sorted ({@code sort=date|stars|title}) and with the total (issue 20).
     */
    private Map<String, Object> myRatings(HttpRequest request) {
        String userId = request.requireCaller().userId();
        Long movieId = movieFilter(request);
        if (movieId == null) {
            return personal.ratings(request, limit(request), cursor(request));
        }
        // read before the items: the projector may apply the caller's write between the two reads, and a version
        // this answer claims must then be in its items too (read the other way round, the items could miss it)
        int projectedVersion = queries.projectedVersion(userId, movieId);
        Map<String, Object> json = pageJson(queries.ratingsOf(userId, movieId, limit(request), cursor(request)));
        json.put("projectedVersion", projectedVersion);
        return json;
    }

    /** Sorted by relevance when there is a search and no sort is asked for, otherwise by weighted rating. */
    private Page<MovieSummary> movies(HttpRequest request) {
        String q = request.queryParameter("q")
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .orElse(null);
        if (q != null && q.length() > 200) {
            throw invalid("q", "q is limited to 200 characters");
        }
        MovieSort sort = request.queryParameter("sort")
                .map(value -> MovieSort.parse(value)
                        .orElseThrow(
                                () -> invalid("sort", "sort must be one of relevance, top, popular, recent, title")))
                .orElse(q == null ? MovieSort.TOP : MovieSort.RELEVANCE);
        String genre = request.queryParameter("genre").orElse(null);
        if (genre != null && genre.length() > 50) {
            throw invalid("genre", "genre is limited to 50 characters");
        }
        @Nullable Integer[] years = years(request.queryParameter("year").orElse(null));
        String tag = TagReads.filterKey(request);
        return queries.movies(
                new MovieFilter(q, genre, years[0], years[1], tag), sort, limit(request), cursor(request));
    }

    private Map<String, Object> movie(HttpRequest request) {
        Optional<LocalDate> asOf = DiscoveryParameters.asOf(request);
        MovieDetail detail = queries.movie(movieId(request))
                .orElseThrow(() -> new BadRequest(Problem.notFound("there is no such movie")));
        if (asOf.isPresent()) {
            return movieAsOf(detail.summary(), asOf.get());
        }
        Map<String, Object> json = summaryJson(detail.summary(), averageVisibility);
        // below the minimum the histogram would give the hidden average away (one rating: its stars)
        json.put("histogram", detail.summary().averageHidden() ? null : detail.histogram());
        json.put("reviewCount", detail.reviewCount());
        json.put("imdbId", detail.imdbId());
        json.put("tmdbId", detail.tmdbId());
        json.put("imdbUrl", detail.imdbUrl());
        json.put("tmdbUrl", detail.tmdbUrl());
        json.put("tags", tags.top(detail.summary().id()));
        return json;
    }

    /** The movie as it stood at the end of a past day: its scores from the history projection, C as of then. */
    private Map<String, Object> movieAsOf(MovieSummary now, LocalDate day) {
        ScoreAsOf then = discovery.scoreAsOf(now.id(), day);
        MovieSummary summary = new MovieSummary(
                now.id(),
                now.title(),
                now.year(),
                now.genres(),
                then.ratingCount(),
                then.average(),
                then.averageHidden(),
                then.weightedRating());
        Map<String, Object> json = summaryJson(summary, averageVisibility);
        json.put("histogram", then.averageHidden() ? null : then.histogram());
        json.put("asOf", day.toString());
        return json;
    }

    private Map<String, Object> history(HttpRequest request) {
        long movieId = movieId(request);
        HistoryInterval interval = DiscoveryParameters.interval(request);
        if (!queries.movieExists(movieId)) {
            throw new BadRequest(Problem.notFound("there is no such movie"));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("interval", interval.name().toLowerCase(java.util.Locale.ROOT));
        json.put("points", discovery.history(movieId, interval));
        json.put("minimumRatingsForAverage", averageVisibility.minimumRatings());
        return json;
    }

    private Map<String, Object> similar(HttpRequest request) {
        long movieId = movieId(request);
        int limit = DiscoveryParameters.similarLimit(request);
        if (!queries.movieExists(movieId)) {
            throw new BadRequest(Problem.notFound("there is no such movie"));
        }
        SimilarMovies similar = discovery.similar(movieId, limit);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", similar.items());
        json.put("pendingRefresh", similar.pendingRefresh());
        return json;
    }

    private Page<?> reviews(HttpRequest request) {
        long movieId = movieId(request);
        if (!queries.movieExists(movieId)) {
            throw new BadRequest(Problem.notFound("there is no such movie"));
        }
        String raw = request.queryParameter("sort").orElse(ReviewSort.NEWEST.parameter());
        ReviewSort sort = ReviewSort.named(raw).orElseThrow(() -> invalid("sort", "sort must be newest or helpful"));
        return queries.reviews(movieId, sort, limit(request), cursor(request));
    }

    /** {@code GET /api/me/helpful?movie=<id>}: the reviews of the film the caller's helpful votes stand on. */
    private Map<String, Object> myHelpfulVotes(HttpRequest request) {
        String userId = request.requireCaller().userId();
        Long movieId = movieFilter(request);
        if (movieId == null) {
            throw invalid("movie", "movie is required");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("movieId", movieId);
        json.put(
                "reviewIds",
                queries.helpfulVotesOf(userId, movieId).stream()
                        .map(UUID::toString)
                        .toList());
        return json;
    }

    private static long movieId(HttpRequest request) {
        String raw = request.pathParameter("id").orElse("");
        if (!raw.matches("[1-9][0-9]{0,17}")) {
            throw new BadRequest(Problem.notFound("there is no movie with that id"));
        }
        return Long.parseLong(raw);
    }

    /** {@code movie=<id>} narrows the caller's ratings to that movie's (the movie page's "your rating"). */
    private static @Nullable Long movieFilter(HttpRequest request) {
        String raw = request.queryParameter("movie").orElse(null);
        if (raw == null) {
            return null;
        }
        if (!raw.matches("[1-9][0-9]{0,17}")) {
            throw invalid("movie", "movie must be a movie id");
        }
        return Long.parseLong(raw);
    }

    private static int limit(HttpRequest request) {
        Optional<String> raw = request.queryParameter("limit");
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        // at most nine digits: an int can hold it, so no value is parsed that could overflow
        if (!raw.get().matches("-?[0-9]{1,9}")) {
            throw invalid("limit", "limit must be a whole number (1 to " + MAX_LIMIT + ")");
        }
        return Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(raw.get())));
    }

    private static @Nullable String cursor(HttpRequest request) {
        return request.queryParameter("cursor").orElse(null);
    }

    /** "1994" or "1990-1999"; either end of a range may be left open ("1990-", "-1999"). */
    private static @Nullable Integer[] years(@Nullable String raw) {
        if (raw == null) {
            return new Integer[] {null, null};
        }
        if (raw.matches("[0-9]{4}")) {
            int year = Integer.parseInt(raw);
            return new Integer[] {year, year};
        }
        if (raw.matches("([0-9]{4})?-([0-9]{4})?") && raw.length() > 1) {
            String[] ends = raw.split("-", -1);
            return new Integer[] {
                ends[0].isEmpty() ? null : Integer.valueOf(ends[0]), ends[1].isEmpty() ? null : Integer.valueOf(ends[1])
            };
        }
        throw invalid("year", "year must be a year like 1994 or a range like 1990-1999");
    }

    private static BadRequest invalid(String parameter, String detail) {
        return new BadRequest(Problem.invalidParameter(parameter, detail));
    }

    private Map<String, Object> pageJson(Page<?> page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "items",
                page.items().stream()
                        .map(item ->
                                item instanceof MovieSummary summary ? summaryJson(summary, averageVisibility) : item)
                        .toList());
        json.put("nextCursor", page.nextCursor());
        return json;
    }

    /**
     * Contract v1's MovieSummary, plus whether the average is withheld for too few ratings and from how
     * many it shows.
     */
    static Map<String, Object> summaryJson(MovieSummary summary, AverageVisibility averageVisibility) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", summary.id());
        json.put("title", summary.title());
        json.put("displayTitle", summary.displayTitle());
        json.put("year", summary.year());
        json.put("genres", summary.genres());
        json.put("ratingCount", summary.ratingCount());
        json.put("averageRating", summary.averageRating());
        // hidden with the average: from one or two ratings the weighted score lets the average be worked out
        json.put("weightedRating", summary.averageHidden() ? null : summary.weightedRating());
        json.put("averageHidden", summary.averageHidden());
        json.put("minimumRatingsForAverage", averageVisibility.minimumRatings());
        return json;
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
