package dev.movieratings.benchmarks;

/** {@code java -jar benchmarks/target/benchmarks-exec.jar [read|freshness|projector|rebuild|all]} (default: all). */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        if (which.equals("read") || which.equals("all")) {
            ReadBenchmark.main(args);
        }
        if (which.equals("freshness") || which.equals("all")) {
            FreshnessBenchmark.main(args);
        }
        if (which.equals("projector") || which.equals("all")) {
            ProjectorThroughputBenchmark.main(args);
        }
        if (which.equals("rebuild") || which.equals("all")) {
            RebuildBenchmark.main(args);
        }
        if (!java.util.Set.of("read", "freshness", "projector", "rebuild", "all").contains(which)) {
            System.err.println("unknown benchmark '" + which + "'; known: read, freshness, projector, rebuild, all");
            System.exit(2);
        }
        System.exit(0);
    }
}
