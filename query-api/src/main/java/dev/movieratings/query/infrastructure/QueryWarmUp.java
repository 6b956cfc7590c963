package dev.movieratings.query.infrastructure;

import dev.movieratings.credentials.FunctionWarmUp;
import dev.movieratings.http.WarmUpEvents;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;

/**
 * The query function's SnapStart warm-up: the requests the site makes most — lists, a movie page, its
 * reviews, a search and the caller's own ratings — answered by the deployed function (as Spring Cloud
 * Function hands it to Lambda's invoker) a few rounds over. The query function only reads.
 */
public final class QueryWarmUp implements FunctionWarmUp {

    private static final int ROUNDS = 25;

    private final Supplier<Function<Message<byte[]>, Object>> deployed;
    private final JdbcClient jdbc;

    public QueryWarmUp(Supplier<Function<Message<byte[]>, Object>> deployed, JdbcClient jdbc) {
        this.deployed = deployed;
        this.jdbc = jdbc;
    }

    @Override
    public String warmUp() {
        String movie = jdbc.sql("select coalesce(min(movie_id), 1) from projection.movie_scores")
                .query(Long.class)
                .single()
                .toString();
        List<byte[]> requests = List.of(
                list(Map.of("sort", "top", "limit", "20")),
                list(Map.of("sort", "popular", "genre", "Drama", "limit", "20")),
                list(Map.of("q", "the", "limit", "20")),
                WarmUpEvents.request(
                        "GET /api/movies/{id}", "/api/movies/" + movie, Map.of("id", movie), Map.of(), null, null),
                WarmUpEvents.request(
                        "GET /api/movies/{id}/reviews",
                        "/api/movies/" + movie + "/reviews",
                        Map.of("id", movie),
                        Map.of(),
                        null,
                        null),
                WarmUpEvents.request(
                        "GET /api/me/ratings",
                        "/api/me/ratings",
                        Map.of(),
                        Map.of("movie", movie),
                        WarmUpEvents.REQUEST_ID,
                        null));
        return "movieQueries: " + ROUNDS + " rounds of " + requests.size() + " requests, answered "
                + WarmUpEvents.answer(deployed.get(), ROUNDS, requests);
    }

    private static byte[] list(Map<String, String> query) {
        return WarmUpEvents.request("GET /api/movies", "/api/movies", Map.of(), query, null, null);
    }
}
