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

    private static final String WEB_APPLICATION_TYPE = "spring.main.web-application-type";

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
     * sets them on Lambda: they reach this function's Spring application only. Not a web application, as
     * on Lambda, even when a servlet container is on this JVM's class path (the local runtime's sign-in
     * issuer brings one). Synchronised because MAIN_CLASS is process-wide while it starts (Spring Cloud
     * Function reads the main class from the process environment, a system property or the manifest).
     */
    public static synchronized LocalLambda start(
            Class<?> application, String functionDefinition, Map<String, String> environment) {
        String previousMain = System.getProperty("MAIN_CLASS");
        String previousType = System.getProperty(WEB_APPLICATION_TYPE);
        System.setProperty("MAIN_CLASS", application.getName());
        System.setProperty(WEB_APPLICATION_TYPE, "none");
        try {
            return FunctionEnvironment.during(
                    environment, () -> new LocalLambda(functionDefinition, new FunctionInvoker(functionDefinition)));
        } finally {
            restore("MAIN_CLASS", previousMain);
            restore(WEB_APPLICATION_TYPE, previousType);
        }
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
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
