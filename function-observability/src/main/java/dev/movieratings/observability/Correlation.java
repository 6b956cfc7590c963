package dev.movieratings.observability;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The correlation id every log line of one unit of work carries ({@code correlationId} in the JSON
 * logs): the API Gateway request id for a request, the event id in the projector. The command logs
 * both the request id and the event id it produced, so a rating can be followed from the request to
 * the projector.
 */
public final class Correlation implements AutoCloseable {

    public static final String KEY = "correlationId";

    private final String previous;

    private Correlation(String id) {
        this.previous = MDC.get(KEY);
        MDC.put(KEY, id);
    }

    /** Sets the correlation id for this thread until closed (a fresh one when none is given). */
    public static Correlation begin(@Nullable String id) {
        return new Correlation(id == null || id.isBlank() ? UUID.randomUUID().toString() : id);
    }

    public static String current() {
        return MDC.get(KEY);
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, previous);
        }
    }
}
