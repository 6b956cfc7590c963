package dev.movieratings.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.observability.Correlation;
import dev.movieratings.observability.FunctionMetrics;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the HTTP functions. Takes the raw event bytes and decodes them itself, because Spring Cloud
 * Function's typed conversion swaps in the request body when the body is a JSON array and then fails
 * before any function code runs: a hostile body must reach our validation and get a 4xx, never a 5xx
 * from the framework. The event is read with Jackson 3, which the function has loaded anyway, not
 * with Lambda's event serializer: that one brings its own shaded Jackson 2 and Joda (about 800
 * classes, a tenth of the cold start). The event class's accessors map one to one onto the event's
 * JSON names ({@code isBase64Encoded} included), so no mix-ins are needed.
 */
public abstract class ApiGatewayFunction implements Function<Message<byte[]>, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayFunction.class);
    private final DatabaseGuard database = new DatabaseGuard(getClass().getSimpleName());
    private final String name = getClass().getSimpleName();
    private static final ObjectReader EVENTS = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build()
            .readerFor(APIGatewayV2HTTPEvent.class);

    @Override
    public final APIGatewayV2HTTPResponse apply(Message<byte[]> message) {
        long started = System.nanoTime();
        APIGatewayV2HTTPEvent event;
        try {
            event = EVENTS.readValue(message.getPayload());
        } catch (RuntimeException e) {
            FunctionMetrics.error("malformed_request");
            return HttpResponses.problem(Problem.malformedBody("the request could not be decoded"));
        }
        String route = event.getRouteKey() == null ? "unknown" : event.getRouteKey();
        APIGatewayV2HTTPResponse response;
        try (var correlation = Correlation.begin(requestId(event))) {
            response = answer(new HttpRequest(event));
            LOG.info(
                    "{} answered {} in {} ms",
                    route,
                    response.getStatusCode(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        FunctionMetrics.requestServed(name, route, response.getStatusCode(), System.nanoTime() - started);
        countError(response.getStatusCode());
        return response;
    }

    private APIGatewayV2HTTPResponse answer(HttpRequest request) {
        try {
            return database.call(() -> handle(request));
        } catch (BadRequest e) {
            return HttpResponses.problem(e.problem());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.method(), request.path(), e);
            return HttpResponses.problem(Problem.serverError());
        }
    }

    /** {@code movie_ratings_errors_total{kind}} by what the caller got. */
    private static void countError(int status) {
        if (status == 503) {
            FunctionMetrics.error("database_unavailable");
        } else if (status >= 500) {
            FunctionMetrics.error("server_error");
        } else if (status == 429) {
            FunctionMetrics.error("rate_limited");
        } else if (status >= 400) {
            FunctionMetrics.error("client_error");
        }
    }

    private static @Nullable String requestId(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null
                ? null
                : event.getRequestContext().getRequestId();
    }

    /** Answers one request; throw {@link BadRequest} to answer with a problem. */
    protected abstract APIGatewayV2HTTPResponse handle(HttpRequest request);
}
