package dev.movieratings.local.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.local.front.JwtAuthorizer;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local issuer over real HTTP, as the browser and API Gateway use Cognito: discovery and JWKS,
 * the sign-in page, the authorization code flow with PKCE (S256) for the public app client, and
 * Cognito's logout endpoint. Tokens from the flow pass the front's authorizer.
 */
class SignInIssuerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SITE_PORT = 8999;
    private static final String SITE = "http://127.0.0.1:" + SITE_PORT;
    private static final String REDIRECT = SITE + "/";

    private static SignInIssuer issuer;

    @BeforeAll
    static void start() throws Exception {
        issuer = SignInIssuer.start(0, Files.createTempDirectory("sign-in").resolve("key.jwk.json"));
        issuer.allowSite(SITE_PORT);
    }

    @AfterAll
    static void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void discoveryNamesTheIssuerItsCognitoStyleEndpointsAndAPublicRs256Key() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode discovery =
                JSON.readTree(get(http, "/.well-known/openid-configuration").body());
        assertThat(discovery.get("issuer").asString()).isEqualTo(issuer.issuer());
        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(issuer.issuer() + "/oauth2/authorize");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer.issuer() + "/oauth2/token");
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer.issuer() + "/.well-known/jwks.json");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");

        JsonNode keys =
                JSON.readTree(get(http, "/.well-known/jwks.json").body()).get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("kty").asString()).isEqualTo("RSA");
        assertThat(keys.get(0).get("alg").asString()).isEqualTo("RS256");
        assertThat(keys.get(0).has("kid")).isTrue();
        assertThat(keys.get(0).has("d")).as("no private part published").isFalse();
    }

    @Test
    void theCodeFlowWithPkceIssuesCognitoShapedTokensThatTheAuthorizerAccepts() throws Exception {
        Browser browser = new Browser();
        String verifier = randomVerifier();
        String code = browser.signIn("dana", challenge(verifier));

        HttpResponse<String> exchanged = exchange(code, verifier, SITE);
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        assertThat(exchanged.headers().firstValue("access-control-allow-origin"))
                .as("the site's page may read the answer (CORS)")
                .hasValue(SITE);
        JsonNode tokens = JSON.readTree(exchanged.body());
        JsonNode access = payload(tokens.get("access_token").asString());
        assertThat(access.get("sub").asString()).isEqualTo("local-dana");
        assertThat(access.get("client_id").asString()).isEqualTo(SignInIssuer.CLIENT_ID);
        assertThat(access.get("token_use").asString()).isEqualTo("access");
        assertThat(access.get("username").asString()).isEqualTo("dana");
        assertThat(access.has("aud")).isFalse();
        assertThat(access.get("exp").asLong() - access.get("iat").asLong()).isEqualTo(3600);
        JsonNode id = payload(tokens.get("id_token").asString());
        assertThat(id.get("aud").toString()).contains(SignInIssuer.CLIENT_ID);
        assertThat(id.get("token_use").asString()).isEqualTo("id");
        assertThat(id.get("cognito:username").asString()).isEqualTo("dana");

        JwtAuthorizer authorizer = JwtAuthorizer.forIssuer(issuer.issuer(), SignInIssuer.CLIENT_ID);
        Instant now = Instant.now();
        assertThat(authorizer.authorize("Bearer " + tokens.get("access_token").asString(), now))
                .hasValueSatisfying(claims -> assertThat(claims).containsEntry("sub", "local-dana"));
        assertThat(authorizer.authorize("Bearer " + tokens.get("id_token").asString(), now))
                .isPresent();
        assertThat(JwtAuthorizer.forIssuer(issuer.issuer(), "another-client")
                        .authorize("Bearer " + tokens.get("access_token").asString(), now))
                .isEmpty();
    }

    @Test
    void theTokenEndpointRefusesAWrongOrMissingVerifierAndACodeUsedTwice() throws Exception {
        Browser browser = new Browser();
        String verifier = randomVerifier();
        String code = browser.signIn("erin", challenge(verifier));

        HttpResponse<String> wrong = exchange(code, randomVerifier(), SITE);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("error").asString()).isEqualTo("invalid_grant");
        HttpResponse<String> withoutVerifier = exchange(code, null, SITE);
        assertThat(withoutVerifier.statusCode())
                .as("no verifier: not even recognised as the public client")
                .isEqualTo(401);
        assertThat(withoutVerifier.body()).doesNotContain("access_token");

        String again = new Browser().signIn("erin", challenge(verifier));
        assertThat(exchange(again, verifier, SITE).statusCode()).isEqualTo(200);
        assertThat(exchange(again, verifier, SITE).statusCode())
                .as("a code works once")
                .isEqualTo(400);
    }

    @Test
    void anAuthorizationRequestWithoutPkceOrForAnotherRedirectGetsNoCode() throws Exception {
        Browser browser = new Browser();
        browser.signIn("fay", challenge(randomVerifier()));

        HttpResponse<String> noPkce = browser.get(issuer.issuer() + "/oauth2/authorize?"
                + form(Map.of(
                        "response_type", "code",
                        "client_id", SignInIssuer.CLIENT_ID,
                        "redirect_uri", REDIRECT,
                        "scope", "openid",
                        "state", "s")));
        assertThat(location(noPkce))
                .startsWith(REDIRECT)
                .contains("error=invalid_request")
                .doesNotContain("code=");
        HttpResponse<String> elsewhere = browser.get(authorizeUrl(challenge(randomVerifier()))
                .replace(URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8), "https%3A%2F%2Fevil.example%2F"));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.headers().firstValue("location")).isEmpty();
    }

    @Test
    void anUnacceptableNameIsSentBackToTheSignInPage() throws Exception {
        Browser browser = new Browser();
        browser.get(authorizeUrl(challenge(randomVerifier())));
        HttpResponse<String> page = browser.get(issuer.issuer() + "/login");
        assertThat(page.headers().firstValue("content-security-policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'none'")
                        .contains("form-action 'self' ")
                        .contains(SITE)
                        .doesNotContain("unsafe-inline"));
        HttpResponse<String> refused =
                browser.post(issuer.issuer() + "/login", Map.of("username", "<script>", "_csrf", csrf(page.body())));
        assertThat(location(refused)).isEqualTo(issuer.issuer() + "/login?error");
    }

    @Test
    void logoutReturnsOnlyToTheSitesOwnOrigin() throws Exception {
        Browser browser = new Browser();
        String base = issuer.issuer() + "/logout?client_id=" + SignInIssuer.CLIENT_ID + "&logout_uri=";
        HttpResponse<String> home = browser.get(base + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("location")).hasValue(REDIRECT);
        assertThat(browser.get(base + "https%3A%2F%2Fevil.example%2F").statusCode())
                .isEqualTo(400);
    }

    /** A browser's part: cookies kept, redirects looked at one by one. */
    private static final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        /** Starts at the authorization endpoint, signs in on the page it is sent to, returns the code. */
        String signIn(String user, String challenge) throws Exception {
            HttpResponse<String> start = get(authorizeUrl(challenge));
            assertThat(start.statusCode()).isEqualTo(302);
            assertThat(location(start)).isEqualTo(issuer.issuer() + "/login");
            HttpResponse<String> page = get(issuer.issuer() + "/login");
            HttpResponse<String> signedIn =
                    post(issuer.issuer() + "/login", Map.of("username", user, "_csrf", csrf(page.body())));
            HttpResponse<String> back = get(location(signedIn));
            String redirect = location(back);
            assertThat(redirect).startsWith(REDIRECT + "?code=").endsWith("&state=st");
            return redirect.substring(redirect.indexOf("code=") + 5, redirect.indexOf("&state="));
        }

        HttpResponse<String> get(String url) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("content-type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Where a redirect leads (Location may be relative). */
    private static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("location").orElseThrow();
        return response.uri().resolve(location).toString();
    }

    private static String authorizeUrl(String challenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", SignInIssuer.CLIENT_ID);
        query.put("redirect_uri", REDIRECT);
        query.put("scope", "openid email profile");
        query.put("code_challenge_method", "S256");
        query.put("code_challenge", challenge);
        query.put("state", "st");
        return issuer.issuer() + "/oauth2/authorize?" + form(query);
    }

    /** What the page does with fetch: a cross-origin form POST from the site, no client secret. */
    private static HttpResponse<String> exchange(String code, String verifier, String origin) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "authorization_code");
        fields.put("client_id", SignInIssuer.CLIENT_ID);
        fields.put("code", code);
        fields.put("redirect_uri", REDIRECT);
        if (verifier != null) {
            fields.put("code_verifier", verifier);
        }
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(issuer.issuer() + "/oauth2/token"))
                                .header("content-type", "application/x-www-form-urlencoded")
                                .header("origin", origin)
                                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(issuer.issuer() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        return token.group(1);
    }

    private static String randomVerifier() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static JsonNode payload(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
