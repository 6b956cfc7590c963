package dev.movieratings.query.http;

import dev.movieratings.http.BadRequest;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.Problem;
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

    PersonalRoutes(PersonalQueries personal) {
        this.personal = personal;
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

    Map<String, Object> ratings(HttpRequest request, int limit, @Nullable String cursor) {
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

    private static BadRequest invalid(String parameter, String detail) {
        return new BadRequest(Problem.invalidParameter(parameter, detail));
    }
}
