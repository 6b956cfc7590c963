package dev.movieratings.local.front;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * A function that answers with the {@code requestContext.authorizer} of the API Gateway event it was
 * handed, entered through FunctionInvoker like the real ones: shows what the front's authorizer passes on.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    ContextFunctionCatalogAutoConfiguration.class,
    AWSCompanionAutoConfiguration.class
})
public class EchoAuthorizerApplication {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> echoAuthorizer() {
        return event -> {
            var authorizer = event.getRequestContext().getAuthorizer();
            Map<String, Object> jwt = new LinkedHashMap<>();
            if (authorizer != null && authorizer.getJwt() != null) {
                jwt.put("claims", authorizer.getJwt().getClaims());
                jwt.put("scopes", authorizer.getJwt().getScopes());
            }
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withBody(JSON.writeValueAsString(Map.of("jwt", jwt)))
                    .build();
        };
    }
}
