package dev.movieratings.ops.cli;

/** Runs the ops command line in this JVM and returns its exit code (for tests and embedding). */
public final class OpsCommandLine {

    private OpsCommandLine() {}

    public static int run(String... args) {
        return OpsCli.run(args);
    }
}
