package dev.movieratings.local.signin;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The local runtime's OpenID Connect issuer, in the place of the Cognito user pool and its hosted UI:
 * Spring Authorization Server on its own embedded Tomcat (loopback only), issuing RS256 tokens shaped
 * like Cognito's. The site's front validates them through the JWKS this issuer publishes, as API
 * Gateway's JWT authorizer validates Cognito's.
 */
public final class SignInIssuer implements AutoCloseable {

    /** The local app client; on AWS the Cognito app client's generated id takes its place. */
    public static final String CLIENT_ID = "movie-ratings-local-web";

    /** What the Spring context is built from. */
    record Settings(int port, String issuer, RSAKey key, SiteOrigins origins) {}

    private final AnnotationConfigServletWebServerApplicationContext context;
    private final Settings settings;
    private final NimbusJwtEncoder encoder;
    private final CognitoClaims claims = new CognitoClaims(CLIENT_ID);

    private SignInIssuer(AnnotationConfigServletWebServerApplicationContext context, Settings settings) {
        this.context = context;
        this.settings = settings;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(settings.key())));
    }

    /**
     * @param port where to listen on loopback; 0 picks a free port (tried three times, as another
     *     process may take the port between the choice and the bind)
     * @param keyFile where the signing key is kept (made on first start)
     */
    public static SignInIssuer start(int port, Path keyFile) {
        RSAKey key = IssuerKey.loadOrCreate(keyFile);
        for (int attempt = 1; ; attempt++) {
            int chosen = port == 0 ? freePort() : port;
            // The issuer must be known before the server starts: it is in every token and in discovery.
            Settings settings = new Settings(chosen, "http://localhost:" + chosen, key, new SiteOrigins());
            AnnotationConfigServletWebServerApplicationContext context =
                    new AnnotationConfigServletWebServerApplicationContext();
            context.registerBean(Settings.class, () -> settings);
            context.register(IssuerConfiguration.class);
            try {
                context.refresh();
                return new SignInIssuer(context, settings);
            } catch (RuntimeException e) {
                context.close();
                if (port != 0 || attempt == 3) {
                    throw new IllegalStateException("the sign-in issuer could not listen on port " + chosen, e);
                }
            }
        }
    }

    /**
     * Starts on another thread, so its Spring context and Tomcat come up while the database does: on the
     * site's port + 1 (a free port when the site's is 0), its key kept in the data directory.
     */
    public static CompletableFuture<SignInIssuer> startInBackground(
            int sitePort, Path dataDirectory, Consumer<String> report) {
        return CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            SignInIssuer issuer =
                    start(sitePort == 0 ? 0 : sitePort + 1, dataDirectory.resolve("sign-in-key.jwk.json"));
            report.accept(String.format(
                    "Sign-in issuer is up at %s (%.1f s)", issuer.issuer(), (System.nanoTime() - started) / 1e9));
            return issuer;
        });
    }

    /** Waits for {@link #startInBackground}, failing as {@link #start} would. */
    public static SignInIssuer await(CompletableFuture<SignInIssuer> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The issuer URL: in every token's {@code iss}, and where discovery and the JWKS are served. */
    public String issuer() {
        return settings.issuer();
    }

    public int port() {
        return settings.port();
    }

    /** Lets the site on this port receive codes, trade them for tokens, and be returned to on sign-out. */
    public void allowSite(int sitePort) {
        settings.origins().allow(sitePort);
    }

    /**
     * A token for scripts and tests, local only: an access token exactly as the code flow issues it
     * (same key, same claims), so the front has one way of validating tokens.
     *
     * @return empty when the user name is not acceptable
     */
    public Optional<String> devAccessToken(String userName) {
        Optional<String> subject = LocalUsers.subject(userName);
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JwtClaimsSet.Builder token = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .subject(subject.get())
                .issuedAt(now)
                .expiresAt(now.plus(CognitoClaims.LIFETIME))
                .claim("auth_time", now.getEpochSecond());
        claims.access(token, userName, List.of("openid", "email", "profile"));
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return Optional.of(
                encoder.encode(JwtEncoderParameters.from(header, token.build())).getTokenValue());
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
