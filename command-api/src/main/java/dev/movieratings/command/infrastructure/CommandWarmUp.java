package dev.movieratings.command.infrastructure;

import dev.movieratings.credentials.FunctionWarmUp;
import dev.movieratings.http.WarmUpEvents;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;

/**
 * The command package's SnapStart warm-up: requests the deployed rating function (as Spring Cloud
 * Function hands it to Lambda's invoker) refuses after reading — a rating of a movie that does not exist
 * (the catalog read, 404), a retraction of a rating the warm-up's user never gave (the stream read, 404),
 * stars out of range (422). Nothing is appended, counted against a quota or published: an accepted
 * command would append an event and call EventBridge, so that last stretch of the path stays cold.
 */
public final class CommandWarmUp implements FunctionWarmUp {

    private static final int ROUNDS = 25;
    private static final String NO_SUCH_MOVIE = "999999999999999";

    private final Supplier<Function<Message<byte[]>, Object>> deployed;
    private final JdbcClient jdbc;

    public CommandWarmUp(Supplier<Function<Message<byte[]>, Object>> deployed, JdbcClient jdbc) {
        this.deployed = deployed;
        this.jdbc = jdbc;
    }

    @Override
    public String warmUp() {
        String movie = jdbc.sql("select coalesce(min(movie_id), 1) from movies")
                .query(Long.class)
                .single()
                .toString();
        List<byte[]> requests = List.of(
                rating("PUT", NO_SUCH_MOVIE, "{\"stars\":3.5,\"review\":{\"text\":\"warm\",\"spoiler\":false}}"),
                rating("DELETE", movie, null),
                rating("PUT", movie, "{\"stars\":7}"));
        Map<Integer, Integer> answered = WarmUpEvents.answer(deployed.get(), ROUNDS, requests);
        return "ratingCommands: " + ROUNDS + " rounds of " + requests.size() + " requests, answered " + answered;
    }

    private static byte[] rating(String method, String movie, @Nullable String body) {
        return WarmUpEvents.request(
                method + " /api/movies/{id}/rating",
                "/api/movies/" + movie + "/rating",
                Map.of("id", movie),
                Map.of(),
                WarmUpEvents.REQUEST_ID,
                body);
    }
}
