package dev.movieratings.local.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.local.signin.ForgedTokens;
import dev.movieratings.local.signin.SignInIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The front in front of a protected route plays API Gateway's JWT authorizer against the local
 * issuer's JWKS: every token that breaks one of the authorizer's rules is a 401, a valid one reaches
 * the function with its claims in {@code requestContext.authorizer.jwt}, as API Gateway passes them.
 */
class FrontAuthorizerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SignInIssuer issuer;
    private static HttpFront front;
    private static ForgedTokens forge;

    @BeforeAll
    static void start() throws Exception {
        Path key = Files.createTempDirectory("front-authorizer").resolve("sign-in-key.jwk.json");
        issuer = SignInIssuer.start(0, key);
        forge = new ForgedTokens(key, issuer.issuer());
        LocalLambda echo = LocalLambda.start(EchoAuthorizerApplication.class, "echoAuthorizer");
        front = new HttpFront(
                0,
                Map.of("ratingCommands", echo, "movieQueries", echo),
                new SiteSignIn(
                        issuer.issuer(),
                        SignInIssuer.CLIENT_ID,
                        JwtAuthorizer.forIssuer(issuer.issuer(), SignInIssuer.CLIENT_ID),
                        issuer::devAccessToken),
                () -> "",
                new ClientRateLimit(ClientRateLimit.Limit.NONE));
        issuer.allowSite(front.port());
    }

    @AfterAll
    static void stop() {
        if (front != null) {
            front.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void aValidAccessTokenReachesTheFunctionWithItsClaimsAsApiGatewayPassesThem() throws Exception {
        HttpResponse<String> response =
                call("Bearer " + issuer.devAccessToken("alice").orElseThrow());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode jwt = JSON.readTree(response.body()).get("jwt");
        JsonNode claims = jwt.get("claims");
        assertThat(claims.get("sub").asString()).isEqualTo("local-alice");
        assertThat(claims.get("iss").asString()).isEqualTo(issuer.issuer());
        assertThat(claims.get("client_id").asString()).isEqualTo(SignInIssuer.CLIENT_ID);
        assertThat(claims.get("token_use").asString()).isEqualTo("access");
        assertThat(claims.get("username").asString()).isEqualTo("alice");
        assertThat(claims.get("scope").asString()).isEqualTo("openid email profile");
        assertThat(claims.has("aud")).as("Cognito access tokens carry no aud").isFalse();
        // every claim is a string, numbers included, as in API Gateway's event
        assertThat(claims.get("exp").isString()).isTrue();
        assertThat(Long.parseLong(claims.get("exp").asString()))
                .isGreaterThan(Instant.now().getEpochSecond());
        assertThat(jwt.get("scopes").isNull()).isTrue();
    }

    @Test
    void theTokenAloneWithoutBearerIsAcceptedAsApiGatewayAcceptsIt() throws Exception {
        assertThat(call(issuer.devAccessToken("bob").orElseThrow()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anIdTokenWhoseAudIsTheClientIsAcceptedAndArraysBecomeBracketedLists() throws Exception {
        JWTClaimsSet.Builder idToken = forge.accessToken("carol")
                .claim("client_id", null)
                .claim("token_use", "id")
                .audience(List.of(SignInIssuer.CLIENT_ID, "another-client"))
                .claim("cognito:groups", List.of("readers", "critics"));
        HttpResponse<String> response = call("Bearer " + forge.signed(idToken));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode claims = JSON.readTree(response.body()).get("jwt").get("claims");
        assertThat(claims.get("aud").asString()).isEqualTo("[" + SignInIssuer.CLIENT_ID + " another-client]");
        assertThat(claims.get("cognito:groups").asString()).isEqualTo("[readers critics]");
    }

    static Stream<Arguments> tokensTheAuthorizerRefuses() {
        Instant now = Instant.now();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("wrong issuer", forge.signed(forge.accessToken("m").issuer("https://cognito-idp.example/other")));
        refused.put(
                "issuer with a trailing slash",
                forge.signed(forge.accessToken("m").issuer(issuer.issuer() + "/")));
        refused.put(
                "wrong client_id, no aud", forge.signed(forge.accessToken("m").claim("client_id", "other")));
        refused.put(
                "neither aud nor client_id", forge.signed(forge.accessToken("m").claim("client_id", null)));
        refused.put(
                "wrong aud wins over the right client_id",
                forge.signed(forge.accessToken("m").audience("someone-else")));
        refused.put("expired", forge.signed(forge.accessToken("m").expirationTime(Date.from(now.minusSeconds(1)))));
        refused.put("no exp", forge.signed(forge.accessToken("m").expirationTime(null)));
        refused.put(
                "nbf in the future",
                forge.signed(forge.accessToken("m").notBeforeTime(Date.from(now.plusSeconds(60)))));
        refused.put(
                "iat in the future", forge.signed(forge.accessToken("m").issueTime(Date.from(now.plusSeconds(60)))));
        refused.put("wrong signature (another key, same kid)", forge.signedWithAnotherKey(forge.accessToken("m")));
        refused.put("kid not in the JWKS", forge.signedUnderKeyId("not-a-key-id", forge.accessToken("m")));
        refused.put("no kid", forge.signedUnderKeyId(null, forge.accessToken("m")));
        refused.put("alg=none", ForgedTokens.unsigned(forge.accessToken("m")));
        refused.put(
                "HS256 with the issuer's public key as secret", forge.hs256WithThePublicKey(forge.accessToken("m")));
        refused.put("HS256 with a guessed secret", ForgedTokens.hs256(new byte[32], forge.accessToken("m")));
        String valid = issuer.devAccessToken("m").orElseThrow();
        refused.put("signature cut off", valid.substring(0, valid.lastIndexOf('.') + 1));
        refused.put("not a JWT", "not-a-jwt");
        refused.put("Basic credentials", "Basic YWxpY2U6c2VjcmV0");
        return refused.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensTheAuthorizerRefuses")
    void aTokenBreakingOneRuleOfTheAuthorizerIs401(String rule, String token) throws Exception {
        HttpResponse<String> response = call(token.startsWith("Basic ") ? token : "Bearer " + token);

        assertThat(response.statusCode()).as(rule).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    private static HttpResponse<String> call(String authorization) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/api/me/ratings"))
                        .header("authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
