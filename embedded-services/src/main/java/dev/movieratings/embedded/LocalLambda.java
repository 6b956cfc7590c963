package dev.movieratings.embedded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * One function entered exactly as Lambda enters it: Spring Cloud Function's FunctionInvoker, handed
 * the raw event JSON and a Lambda context, writing the raw response JSON.
 */
public final class LocalLambda {

    private final String functionName;
    private final FunctionInvoker invoker;

    private LocalLambda(String functionName, FunctionInvoker invoker) {
        this.functionName = functionName;
        this.invoker = invoker;
    }

    /** Starts the function with no environment variables of its own (its defaults apply). */
    public static LocalLambda start(Class<?> application, String functionDefinition) {
        return start(application, functionDefinition, Map.of());
    }

    /**
     * Starts the function's application the way the Lambda runtime does (MAIN_CLASS names it, as the
     * jar's manifest does on AWS), with {@code environment} as its environment variables, as Terraform
     * sets them on Lambda: they reach this function's Spring application only. Synchronised because
     * MAIN_CLASS is process-wide while it starts (Spring Cloud Function reads the main class from the
     * process environment, a system property or the manifest, nothing else).
     */
    public static synchronized LocalLambda start(
            Class<?> application, String functionDefinition, Map<String, String> environment) {
        String previous = System.getProperty("MAIN_CLASS");
        System.setProperty("MAIN_CLASS", application.getName());
        try {
            return FunctionEnvironment.during(
                    environment, () -> new LocalLambda(functionDefinition, new FunctionInvoker(functionDefinition)));
        } finally {
            if (previous == null) {
                System.clearProperty("MAIN_CLASS");
            } else {
                System.setProperty("MAIN_CLASS", previous);
            }
        }
    }

    public String invoke(String eventJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            invoker.handleRequest(
                    new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)),
                    out,
                    new LambdaContext(functionName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public String functionName() {
        return functionName;
    }
}
