package dev.movieratings.embedded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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

    /**
     * Starts the function's application the way the Lambda runtime does (MAIN_CLASS names it, as the
     * jar's manifest does on AWS). Synchronised because MAIN_CLASS is process-wide while it starts.
     */
    public static LocalLambda start(Class<?> application, String functionDefinition) {
        return start(application, functionDefinition, Map.of());
    }

    /**
     * As {@link #start(Class, String)}, with settings of this function's own (on Lambda: its environment),
     * e.g. the database role it connects as. They are process-wide system properties while it starts,
     * which is when Spring reads them.
     */
    public static synchronized LocalLambda start(
            Class<?> application, String functionDefinition, Map<String, String> settings) {
        Map<String, String> previous = new HashMap<>();
        Map<String, String> own = new HashMap<>(settings);
        own.put("MAIN_CLASS", application.getName());
        own.forEach((name, value) -> previous.put(name, System.getProperty(name)));
        own.forEach(System::setProperty);
        try {
            return new LocalLambda(functionDefinition, new FunctionInvoker(functionDefinition));
        } finally {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
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
