package dev.movieratings.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Answers 503 with Retry-After, quickly, while the database is unreachable, instead of letting every
 * request wait for a connection: a circuit breaker opens after a few connection failures and lets a
 * trial request through every few seconds. Other failures pass through untouched.
 */
public final class DatabaseGuard {

    static final Duration OPEN_FOR = Duration.ofSeconds(3);

    private final CircuitBreaker breaker;

    public DatabaseGuard(String name) {
        this.breaker = CircuitBreaker.of(
                name + "-database",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(3)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(OPEN_FOR)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .recordException(DatabaseGuard::isUnavailable)
                        .build());
    }

    public APIGatewayV2HTTPResponse call(Supplier<APIGatewayV2HTTPResponse> request) {
        try {
            return breaker.executeSupplier(request);
        } catch (CallNotPermittedException e) {
            return unavailable();
        } catch (RuntimeException e) {
            if (isUnavailable(e)) {
                return unavailable();
            }
            throw e;
        }
    }

    static boolean isUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof ConnectException) {
                return true;
            }
            // SQLSTATE class 08: connection exceptions; 57P01-57P03: the server is shutting down or starting
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static APIGatewayV2HTTPResponse unavailable() {
        return HttpResponses.problem(
                Problem.of(
                        "temporarily-unavailable",
                        "Temporarily unavailable",
                        503,
                        "The service cannot reach its database right now. Retry shortly"
                                + " (with the same Idempotency-Key for a rating)."),
                Map.of("retry-after", Long.toString(OPEN_FOR.toSeconds())));
    }
}
