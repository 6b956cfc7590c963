package dev.movieratings.ops.cli;

import java.util.Map;

/** Runs the ops command line in this JVM and returns its exit code (for tests and embedding). */
public final class OpsCommandLine {

    private OpsCommandLine() {}

    /** With this process's environment, as {@code ./ops.sh} runs it. */
    public static int run(String... args) {
        return OpsCli.run(System.getenv(), args);
    }

    /** With the given environment only (SPRING_DATASOURCE_URL, PROJECTION_QUEUE_URL, …), for tests. */
    public static int run(Map<String, String> environment, String... args) {
        return OpsCli.run(environment, args);
    }
}
