package dev.movieratings.local.signin;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * Spring Authorization Server set up as a stand-in for the Cognito user pool: one public app client
 * (authorization code, PKCE required, no secret), OpenID Connect discovery, RS256 tokens shaped like
 * Cognito's, the JWKS at Cognito's path, a sign-in form and Cognito's logout endpoint.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class IssuerConfiguration {

    private final SignInIssuer.Settings settings;

    IssuerConfiguration(SignInIssuer.Settings settings) {
        this.settings = settings;
    }

    @Bean
    TomcatServletWebServerFactory webServer() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(settings.port());
        factory.setAddress(InetAddress.getLoopbackAddress());
        return factory;
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, CorsConfigurationSource cors) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // the browser trades its code for tokens from the site's origin, as it does with Cognito
                .cors(c -> c.configurationSource(cors))
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), pages()));
        return http.build();
    }

    /** A browser asking for a page is sent to sign in; a token request without a client gets a 401. */
    private static MediaTypeRequestMatcher pages() {
        MediaTypeRequestMatcher pages = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        pages.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return pages;
    }

    @Bean
    @Order(2)
    SecurityFilterChain signInForm(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.deny()));
        return http.build();
    }

    @Bean
    ServletRegistrationBean<SignInPage> signInPage(SiteOrigins origins) {
        return new ServletRegistrationBean<>(new SignInPage(origins, SignInIssuer.CLIENT_ID), "/");
    }

    @Bean
    SiteOrigins siteOrigins() {
        return settings.origins();
    }

    @Bean
    RegisteredClientRepository clients(SiteOrigins origins) {
        return new LocalWebClient(origins);
    }

    @Bean
    JWKSource<SecurityContext> keys() {
        RSAKey key = settings.key();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    CognitoClaims tokenClaims() {
        return new CognitoClaims(SignInIssuer.CLIENT_ID);
    }

    @Bean
    LocalUsers localUsers() {
        return new LocalUsers();
    }

    /** Cognito's endpoint paths, so config.js names the same URLs locally and on AWS. */
    @Bean
    AuthorizationServerSettings serverSettings() {
        return AuthorizationServerSettings.builder()
                .issuer(settings.issuer())
                .authorizationEndpoint("/oauth2/authorize")
                .tokenEndpoint("/oauth2/token")
                .jwkSetEndpoint("/.well-known/jwks.json")
                .oidcUserInfoEndpoint("/oauth2/userInfo")
                .tokenRevocationEndpoint("/oauth2/revoke")
                .build();
    }

    @Bean
    CorsConfigurationSource cors(SiteOrigins origins) {
        return request -> {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(origins.all());
            cors.setAllowedMethods(List.of("POST"));
            cors.setAllowedHeaders(List.of("content-type"));
            return cors;
        };
    }
}
