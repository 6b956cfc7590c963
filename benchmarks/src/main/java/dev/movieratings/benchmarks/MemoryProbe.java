package dev.movieratings.benchmarks;

import dev.movieratings.embedded.LambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Runs in a fresh JVM whose classpath is one shaded Lambda package plus this class, so it may use
 * only the JDK and what every package holds (FunctionInvoker, the Lambda core interfaces). Invokes
 * the function with the events of a file (one JSON per line, cycled) until it has served the asked
 * number, collects garbage, and prints one line of figures in MB for {@link MemoryBenchmark}.
 * {@code none} as the function measures the bare JVM: the baseline.
 * Usage: {@code MemoryProbe <function|none> <events file> <invocations>}
 */
public final class MemoryProbe {

    static final String RESULT_PREFIX = "memory-probe ";

    private MemoryProbe() {}

    public static void main(String[] args) throws Exception {
        String function = args[0];
        List<String> events = Files.readAllLines(Path.of(args[1]));
        int invocations = Integer.parseInt(args[2]);
        if (!function.equals("none")) {
            FunctionInvoker invoker = new FunctionInvoker(function);
            for (int i = 0; i < invocations; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                invoker.handleRequest(
                        new ByteArrayInputStream(events.get(i % events.size()).getBytes(StandardCharsets.UTF_8)),
                        out,
                        new LambdaContext(function));
                if (i == 0) {
                    System.out.println("first answer: " + out.toString(StandardCharsets.UTF_8));
                }
            }
        }
        String peakBeforeCollection = status("VmHWM");
        System.gc();
        System.gc();
        Thread.sleep(200);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf(
                "%sheapUsed=%.1f heapCommitted=%.1f nonHeapUsed=%.1f rss=%.1f peakRss=%s%n",
                RESULT_PREFIX,
                mb(memory.getHeapMemoryUsage().getUsed()),
                mb(memory.getHeapMemoryUsage().getCommitted()),
                mb(memory.getNonHeapMemoryUsage().getUsed()),
                Double.parseDouble(status("VmRSS")) / 1024,
                String.format("%.1f", Double.parseDouble(peakBeforeCollection) / 1024));
        System.exit(0);
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    /** A value in kB from /proc/self/status (Linux). */
    private static String status(String field) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> line.replaceAll("[^0-9]", ""))
                .findFirst()
                .orElse("NaN");
    }
}
