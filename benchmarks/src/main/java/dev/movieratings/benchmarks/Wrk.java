package dev.movieratings.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (https://github.com/wg/wrk) as a subprocess with {@code --latency} and reads its report.
 * wrk is a closed loop: each connection sends its next request when the previous answer arrives, so
 * the percentiles are those of served requests, not of an arrival schedule (no coordinated-omission
 * correction; that is wrk2's).
 */
final class Wrk {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE =
            Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern REQUESTS = Pattern.compile("([0-9]+) requests in");
    private static final Pattern NON_SUCCESS = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

    /** One run's figures; failed counts non-2xx/3xx answers and socket errors. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long failed) {}

    private Wrk() {}

    /** Where wrk is on the PATH, if it is installed. */
    static Optional<Path> find() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Result run(Path wrk, String url, int connections, int seconds, Path script)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                wrk.toString(),
                "--latency",
                "-t",
                "2",
                "-c",
                Integer.toString(connections),
                "-d",
                seconds + "s",
                "--timeout",
                "10s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + String.join(" ", command) + "\n" + output);
        }
        return parse(output);
    }

    static Result parse(String output) {
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentiles = PERCENTILE.matcher(output);
        while (percentiles.find()) {
            double millis = Double.parseDouble(percentiles.group(2))
                    * switch (percentiles.group(3)) {
                        case "us" -> 0.001;
                        case "s" -> 1000;
                        default -> 1;
                    };
            if (percentiles.group(1).equals("50")) {
                p50 = millis;
            } else {
                p99 = millis;
            }
        }
        long failed = first(NON_SUCCESS, output, 1);
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                failed += Long.parseLong(socket.group(group));
            }
        }
        Matcher rate = REQUESTS_PER_SECOND.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
        }
        return new Result(Double.parseDouble(rate.group(1)), p50, p99, first(REQUESTS, output, 1), failed);
    }

    private static long first(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(group)) : 0;
    }
}
