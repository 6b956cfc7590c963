package dev.movieratings.embedded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One function entered exactly as Lambda enters it: Spring Cloud Function's FunctionInvoker, handed
 * the raw event JSON and a Lambda context, writing the raw response JSON. Closing it closes the function's Spring
 * application (its connection pool with it), as the end of a Lambda execution environment would.
 */
public final class LocalLambda implements AutoCloseable {

    private static final String WEB_APPLICATION_TYPE = "spring.main.web-application-type";

    private final String functionName;
    private final FunctionInvoker invoker;
    private final ConfigurableApplicationContext application;

    private LocalLambda(String functionName, FunctionInvoker invoker, ConfigurableApplicationContext application) {
        this.functionName = functionName;
        this.invoker = invoker;
        this.application = application;
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
            return FunctionEnvironment.during(environment, () -> started(functionDefinition));
        } finally {
            restore("MAIN_CLASS", previousMain);
            restore(WEB_APPLICATION_TYPE, previousType);
        }
    }

    /**
     * FunctionInvoker starts its Spring application in its constructor and keeps no handle on it; Spring Boot's
     * application hook is the one place that sees the context it runs, so it can be closed with this function.
     */
    private static LocalLambda started(String functionDefinition) {
        AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
        SpringApplicationRunListener capture = new SpringApplicationRunListener() {
            @Override
            public void contextPrepared(ConfigurableApplicationContext prepared) {
                context.set(prepared);
            }
        };
        FunctionInvoker invoker =
                SpringApplication.withHook(application -> capture, () -> new FunctionInvoker(functionDefinition));
        ConfigurableApplicationContext application = context.get();
        if (application == null) {
            throw new IllegalStateException(functionDefinition + " started no Spring application");
        }
        return new LocalLambda(functionDefinition, invoker, application);
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

    /** Closes the function's Spring application: its beans are destroyed and its connection pool closed. */
    @Override
    public void close() {
        application.close();
    }

    /** Whether {@link #close()} has not yet run (a closed function answers no more calls). */
    public boolean isRunning() {
        return application.isActive();
    }
}
