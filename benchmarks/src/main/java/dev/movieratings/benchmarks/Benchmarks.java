package dev.movieratings.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar benchmarks/target/benchmarks-exec.jar
 * [read|catalog|freshness|projector|rebuild|http-load|memory|similar|all]} (default: all). {@code all}
 * runs each in turn; http-load is left out of it when wrk is not installed.
 */
public final class Benchmarks {

    private static final List<String> KNOWN =
            List.of("read", "catalog", "freshness", "projector", "rebuild", "http-load", "memory", "similar", "all");

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        if (!KNOWN.contains(which)) {
            System.err.println("unknown benchmark '" + which + "'; known: " + String.join(", ", KNOWN));
            System.exit(2);
        }
        boolean all = which.equals("all");
        if (which.equals("read") || all) {
            ReadBenchmark.main(args);
        }
        if (which.equals("catalog") || all) {
            CatalogSizeBenchmark.main(args);
        }
        if (which.equals("freshness") || all) {
            FreshnessBenchmark.main(args);
        }
        if (which.equals("projector") || all) {
            ProjectorThroughputBenchmark.main(args);
        }
        if (which.equals("rebuild") || all) {
            RebuildBenchmark.main(args);
        }
        if (which.equals("http-load") || (all && Wrk.find().isPresent())) {
            HttpLoadBenchmark.main(args);
        }
        if (which.equals("memory") || all) {
            MemoryBenchmark.main(args);
        }
        if (which.equals("similar") || all) {
            SimilarMoviesBenchmark.main(args);
        }
        System.exit(0);
    }

    /** The machine's 1, 5 and 15 minute load averages, printed beside the numbers (the machine is shared). */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
