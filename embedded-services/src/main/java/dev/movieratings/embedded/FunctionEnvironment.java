package dev.movieratings.embedded;

import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment variables of one function started by {@link LocalLambda}: what Terraform sets on
 * Lambda, given here to that function's Spring application only (as a property source read exactly
 * like the process environment, first in line), so that nothing leaks into the JVM's system
 * properties or into the next function started. Applications started any other way get nothing.
 */
public final class FunctionEnvironment implements EnvironmentPostProcessor, Ordered {

    private static final ThreadLocal<Map<String, String>> STARTING = new ThreadLocal<>();
    static final String NAME = "functionEnvironment";

    /**
     * Runs {@code start} with {@code variables} as the environment of the application it starts on this
     * thread. The map is read, not copied: a variable the function reads on every call follows it.
     */
    static <T> T during(Map<String, String> variables, Supplier<T> start) {
        STARTING.set(variables);
        try {
            return start.get();
        } finally {
            STARTING.remove();
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, String> variables = STARTING.get();
        if (variables != null) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<String, Object> live = (Map) variables;
            environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(NAME, live));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
