package dev.movieratings.query.http;

import dev.movieratings.http.BadRequest;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.Problem;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The query parameters every route shares: a movie's id, the caller's movie filter, paging. */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private QueryParameters() {}

    static long movieId(HttpRequest request) {
        String raw = request.pathParameter("id").orElse("");
        if (!raw.matches("[1-9][0-9]{0,17}")) {
            throw new BadRequest(Problem.notFound("there is no movie with that id"));
        }
        return Long.parseLong(raw);
    }

    /** {@code movie=<id>} narrows the caller's ratings to that movie's (the movie page's "your rating"). */
    static @Nullable Long movieFilter(HttpRequest request) {
        String raw = request.queryParameter("movie").orElse(null);
        if (raw == null) {
            return null;
        }
        if (!raw.matches("[1-9][0-9]{0,17}")) {
            throw invalid("movie", "movie must be a movie id");
        }
        return Long.parseLong(raw);
    }

    static int limit(HttpRequest request) {
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

    static @Nullable String cursor(HttpRequest request) {
        return request.queryParameter("cursor").orElse(null);
    }

    static BadRequest invalid(String parameter, String detail) {
        return new BadRequest(Problem.invalidParameter(parameter, detail));
    }
}
