package dev.movieratings.http;

import java.io.ByteArrayInputStream;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * Base of the HTTP functions. Takes the raw event bytes and decodes them with Lambda's own event
 * serializer, because Spring Cloud Function's typed conversion swaps in the request body when the body
 * is a JSON array and then fails before any function code runs: a hostile body must reach our
 * validation and get a 4xx, never a 5xx from the framework.
 */
public abstract class ApiGatewayFunction implements Function<Message<byte[]>, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayFunction.class);
    private final DatabaseGuard database = new DatabaseGuard(getClass().getSimpleName());
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ApiGatewayFunction.class.getClassLoader());

    @Override
    public final APIGatewayV2HTTPResponse apply(Message<byte[]> message) {
        APIGatewayV2HTTPEvent event;
        try {
            event = EVENTS.fromJson(new ByteArrayInputStream(message.getPayload()));
        } catch (RuntimeException e) {
            return HttpResponses.problem(Problem.malformedBody("the request could not be decoded"));
        }
        HttpRequest request = new HttpRequest(event);
        try {
            return database.call(() -> handle(request));
        } catch (BadRequest e) {
            return HttpResponses.problem(e.problem());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.method(), request.path(), e);
            return HttpResponses.problem(Problem.serverError());
        }
    }

    /** Answers one request; throw {@link BadRequest} to answer with a problem. */
    protected abstract APIGatewayV2HTTPResponse handle(HttpRequest request);
}
