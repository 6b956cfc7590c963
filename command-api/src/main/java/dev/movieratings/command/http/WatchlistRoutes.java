package dev.movieratings.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.command.application.KeepingWatchlist;
import dev.movieratings.command.application.WatchlistChange;
import dev.movieratings.http.BadRequest;
import dev.movieratings.http.Excerpt;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.HttpResponses;
import dev.movieratings.http.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code PUT} and {@code DELETE /api/me/watchlist/{movieId}}: the caller's own list only (the user is the token's
 * subject; there is no other user in the path). 202 when the command appended an event, 200 when the list already
 * said so (nothing written); either way the answer says whether the film is on the list.
 */
final class WatchlistRoutes {

    private final KeepingWatchlist watchlist;

    WatchlistRoutes(KeepingWatchlist watchlist) {
        this.watchlist = watchlist;
    }

    APIGatewayV2HTTPResponse add(HttpRequest request) {
        String userId = request.requireCaller().userId();
        return answer(watchlist.add(userId, movieId(request)));
    }

    APIGatewayV2HTTPResponse remove(HttpRequest request) {
        String userId = request.requireCaller().userId();
        return answer(watchlist.remove(userId, movieId(request)));
    }

    private static long movieId(HttpRequest request) {
        String raw = request.pathParameter("movieId").orElse("");
        if (!raw.matches("[1-9][0-9]{0,17}")) {
            throw new BadRequest(Problem.notFound("there is no movie with id '" + Excerpt.of(raw) + "'"));
        }
        return Long.parseLong(raw);
    }

    private static APIGatewayV2HTTPResponse answer(WatchlistChange change) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("movieId", change.movieId());
        body.put("onWatchlist", change.onWatchlist());
        body.put("eventId", change.eventId() == null ? null : change.eventId().toString());
        body.put("position", change.position());
        body.put("streamVersion", change.streamVersion());
        return HttpResponses.json(change.eventId() == null ? 200 : 202, body, Map.of("cache-control", "no-store"));
    }
}
