package dev.movieratings.query.http;

import static dev.movieratings.query.http.QueryParameters.cursor;
import static dev.movieratings.query.http.QueryParameters.invalid;
import static dev.movieratings.query.http.QueryParameters.limit;
import static dev.movieratings.query.http.QueryParameters.movieFilter;

import dev.movieratings.http.HttpRequest;
import dev.movieratings.query.application.AverageVisibility;
import dev.movieratings.query.application.MovieQueries;
import dev.movieratings.query.application.Page;
import dev.movieratings.query.application.PersonalQueries;
import dev.movieratings.query.application.ProfileSummary;
import dev.movieratings.query.application.RatingSort;
import dev.movieratings.query.application.WatchlistSort;
import dev.movieratings.query.application.WatchlistStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The caller's own lists (issue 20): {@code GET /api/me/watchlist}, {@code GET /api/me/profile/summary}, and the
 * sorted "My ratings" with its total. Always the token's subject: no route names another person.
 */
final class PersonalRoutes {

    /** A genre counts among a person's favourites from this many of their ratings in it. */
    static final int FAVOURITE_GENRE_MINIMUM = 3;

    private final PersonalQueries personal;
    private final MovieQueries queries;
    private final AverageVisibility averageVisibility;

    PersonalRoutes(PersonalQueries personal, MovieQueries queries, AverageVisibility averageVisibility) {
        this.personal = personal;
        this.queries = queries;
        this.averageVisibility = averageVisibility;
    }

    /**
     * With {@code movie=<id>} also the version of the caller's own stream on that movie the projections reflect;
     * without, sorted ({@code sort=date|stars|title}) and with the total (issue 20).
     */
    Map<String, Object> ratings(HttpRequest request) {
        String userId = request.requireCaller().userId();
        Long movieId = movieFilter(request);
        if (movieId == null) {
            return ratings(request, limit(request), cursor(request));
        }
        // read before the items: the projector may apply the caller's write between the two reads, and a version
        // this answer claims must then be in its items too (read the other way round, the items could miss it)
        int projectedVersion = queries.projectedVersion(userId, movieId);
        Map<String, Object> json =
                MovieJson.page(queries.ratingsOf(userId, movieId, limit(request), cursor(request)), averageVisibility);
        json.put("projectedVersion", projectedVersion);
        return json;
    }

    /** With {@code movie=<id>}: whether that film is on the list and the stream's projected version. */
    Object watchlist(HttpRequest request, @Nullable Long movieId, int limit, @Nullable String cursor) {
        String userId = request.requireCaller().userId();
        if (movieId != null) {
            WatchlistStatus status = personal.watchlistStatus(userId, movieId);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("movieId", status.movieId());
            json.put("onWatchlist", status.onWatchlist());
            json.put(
                    "addedAt",
                    status.addedAt() == null ? null : status.addedAt().toString());
            json.put("projectedVersion", status.projectedVersion());
            return json;
        }
        WatchlistSort sort = request.queryParameter("sort")
                .map(value -> WatchlistSort.parse(value)
                        .orElseThrow(() -> invalid("sort", "sort must be one of added, title")))
                .orElse(WatchlistSort.ADDED);
        return withSort(personal.watchlist(userId, sort, limit, cursor), sort.name());
    }

    private Map<String, Object> ratings(HttpRequest request, int limit, @Nullable String cursor) {
        String userId = request.requireCaller().userId();
        RatingSort sort = request.queryParameter("sort")
                .map(value -> RatingSort.parse(value)
                        .orElseThrow(() -> invalid("sort", "sort must be one of date, stars, title")))
                .orElse(RatingSort.DATE);
        Map<String, Object> json = withSort(personal.ratings(userId, sort, limit, cursor), sort.name());
        json.put("total", personal.ratingTotal(userId));
        return json;
    }

    ProfileSummary summary(HttpRequest request) {
        return personal.profileSummary(request.requireCaller().userId(), FAVOURITE_GENRE_MINIMUM);
    }

    private static Map<String, Object> withSort(Page<?> page, String sort) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items());
        json.put("nextCursor", page.nextCursor());
        json.put("sort", sort.toLowerCase(java.util.Locale.ROOT));
        return json;
    }
}
