package dev.movieratings.benchmarks;

import java.util.List;

/**
 * {@code java -jar benchmarks/target/benchmarks-exec.jar [read|freshness|projector|rebuild|http-load|memory|similar|all]}
 * (default: all). {@code all} runs each in turn; http-load is left out of it when wrk is not installed.
 */
public final class Benchmarks {

    private static final List<String> KNOWN =
            List.of("read", "freshness", "projector", "rebuild", "http-load", "memory", "similar", "all");

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
}
