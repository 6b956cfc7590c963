package dev.movieratings.packaging;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A deployable package started as Lambda starts it: a fresh JVM, only the environment Lambda gives a
 * function, the handler entered by the real runtime interface client polling a Runtime API.
 */
final class PackagedFunction implements AutoCloseable {

    static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    private static final String RUNTIME_CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final String name;
    private final Process process;
    private final LambdaRuntimeApi api;
    private final long startedNanos;
    private final long readyNanos;
    private final Duration initCpu;
    private final List<Long> invocationNanos = new ArrayList<>();

    private PackagedFunction(
            String name, Process process, LambdaRuntimeApi api, long startedNanos, long readyNanos, Duration initCpu) {
        this.name = name;
        this.process = process;
        this.api = api;
        this.startedNanos = startedNanos;
        this.readyNanos = readyNanos;
        this.initCpu = initCpu;
    }

    static PackagedFunction start(
            String name, List<Path> classpath, String handler, Map<String, String> functionEnvironment)
            throws Exception {
        LambdaRuntimeApi api = new LambdaRuntimeApi();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                RUNTIME_CLIENT_MAIN,
                handler);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", name);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("AWS_DEFAULT_REGION", "eu-west-1");
        environment.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        environment.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        environment.put("AWS_SESSION_TOKEN", "session-token");
        environment.put("_HANDLER", handler);
        environment.put("LAMBDA_TASK_ROOT", classpath.get(0).getParent().toString());
        environment.put("TZ", ":UTC");
        environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        environment.putAll(functionEnvironment);
        Path log = Path.of("target", "packaged-" + name + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            long ready = api.awaitReady(Duration.ofSeconds(60));
            // CPU the JVM spent until it asked for work (all threads: JIT and GC too); unlike the wall clock it
            // hardly moves when other processes share the cores
            Duration initCpu = process.info().totalCpuDuration().orElse(Duration.ZERO);
            return new PackagedFunction(name, process, api, started, ready, initCpu);
        } catch (Exception e) {
            process.destroyForcibly();
            api.close();
            throw new IllegalStateException(name + " did not start; its output:\n" + Files.readString(log), e);
        }
    }

    String invoke(String event) throws Exception {
        long started = System.nanoTime();
        String response = api.invoke(event, Duration.ofSeconds(60));
        invocationNanos.add(System.nanoTime() - started);
        return response;
    }

    /**
     * Init (fresh JVM → first poll for work: wall clock and CPU), first invocation, and the warm ones'
     * p50/p99, in milliseconds.
     */
    String timings() {
        List<Long> warm = new ArrayList<>(invocationNanos.subList(1, invocationNanos.size()));
        Collections.sort(warm);
        return String.format(
                "| %s | %d | %d | %d | %.1f | %.1f | %d |",
                name,
                (readyNanos - startedNanos) / 1_000_000,
                initCpu.toMillis(),
                invocationNanos.get(0) / 1_000_000,
                percentile(warm, 50),
                percentile(warm, 99),
                warm.size());
    }

    private static double percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    static List<Path> runtimeInterfaceClientClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-runtime-interface-client")
                        || entry.contains("utils-lite")
                        || entry.contains("aws-lambda-java-core")
                        || entry.contains("aws-lambda-java-serialization"))
                .map(Path::of)
                .toList();
    }

    /** Stops the function as Lambda does (SIGTERM) and waits for the JVM to exit: an AppCDS archive is written then. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            api.close();
        }
    }
}
