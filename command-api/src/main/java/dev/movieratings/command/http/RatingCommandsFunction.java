package dev.movieratings.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.command.application.Accepted;
import dev.movieratings.command.application.IdempotencyKeyReused;
import dev.movieratings.command.application.MovieNotFound;
import dev.movieratings.command.application.RecordingRatings;
import dev.movieratings.command.application.RetractRating;
import dev.movieratings.command.application.SubmitRating;
import dev.movieratings.command.application.WriteQuota;
import dev.movieratings.http.ApiGatewayFunction;
import dev.movieratings.http.Caller;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.HttpResponses;
import dev.movieratings.http.JsonBodies;
import dev.movieratings.http.Problem;
import dev.movieratings.rating.InvalidRating;
import dev.movieratings.rating.NothingToRetract;
import java.util.Map;

/** The command Lambda: API Gateway routes for rating and un-rating a movie. Decodes, delegates, encodes. */
public class RatingCommandsFunction extends ApiGatewayFunction {

    static final String PUT_RATING = "PUT /api/movies/{id}/rating";
    static final String DELETE_RATING = "DELETE /api/movies/{id}/rating";

    private final RecordingRatings ratings;

    public RatingCommandsFunction(RecordingRatings ratings) {
        this.ratings = ratings;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
        try {
            return switch (request.routeKey()) {
                case PUT_RATING -> accepted(submit(request));
                case DELETE_RATING -> accepted(retract(request));
                default -> HttpResponses.problem(Problem.unknownRoute(request.method() + " " + request.path()));
            };
        } catch (InvalidRating e) {
            return HttpResponses.problem(Problem.invalidField(e.field(), e.getMessage()));
        } catch (MovieNotFound | NothingToRetract e) {
            return HttpResponses.problem(Problem.notFound(e.getMessage()));
        } catch (WriteQuota.WriteLimitExceeded e) {
            return HttpResponses.problem(
                    Problem.of("too-many-writes", "Too many rating changes", 429, e.getMessage()),
                    Map.of("retry-after", Long.toString(e.retryAfterSeconds())));
        } catch (IdempotencyKeyReused e) {
            return HttpResponses.problem(
                    Problem.of("idempotency-key-reused", "Idempotency-Key reused", 422, e.getMessage()));
        }
    }

    private Accepted submit(HttpRequest request) {
        Caller caller = request.requireCaller();
        long movieId = RatingRequests.movieId(request);
        String key = RatingRequests.idempotencyKey(request);
        RatingRequests.RatingBody body = RatingRequests.body(JsonBodies.readObject(request));
        return ratings.submit(
                new SubmitRating(caller.userId(), caller.displayName(), movieId, body.stars(), body.review(), key));
    }

    private Accepted retract(HttpRequest request) {
        Caller caller = request.requireCaller();
        long movieId = RatingRequests.movieId(request);
        String key = RatingRequests.idempotencyKey(request);
        return ratings.retract(new RetractRating(caller.userId(), caller.displayName(), movieId, key));
    }

    private static APIGatewayV2HTTPResponse accepted(Accepted accepted) {
        return HttpResponses.json(
                202,
                Map.of(
                        "eventId",
                        accepted.eventId().toString(),
                        "position",
                        accepted.position(),
                        "streamVersion",
                        accepted.streamVersion()),
                Map.of("cache-control", "no-store"));
    }
}
