package dev.movieratings.local.signin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * Locally anyone may sign in under any name that fits (no password): the point is the flow the
 * browser goes through, not who the user is. The subject is {@code local-<name>}, as dev tokens had it.
 */
public final class LocalUsers implements AuthenticationProvider {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    /** @return the user's subject, or empty when the name is not acceptable */
    public static Optional<String> subject(String name) {
        return name != null && NAME.matcher(name).matches() ? Optional.of("local-" + name) : Optional.empty();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        if (subject(name).isEmpty()) {
            throw new BadCredentialsException("user name must be 1 to 40 letters, digits, dots, dashes or underscores");
        }
        // The ID token's auth_time is read from the factor's time, as for a password sign-in.
        return UsernamePasswordAuthenticationToken.authenticated(
                name,
                null,
                List.of(FactorGrantedAuthority.withFactor("LOCAL_NAME")
                        .issuedAt(Instant.now())
                        .build()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
