package dev.movieratings.local;

import dev.movieratings.ops.cli.OpsCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The ops command line run in this JVM against a local runtime's data folder, as an operator types it: its output
 * (and error output) captured for the test and echoed to the log as a transcript ({@code $ ops status}, then what it
 * printed). Runs one command at a time: System.out is the JVM's.
 */
final class OpsTranscript {

    record Outcome(int exitCode, String output) {}

    private final Path data;

    OpsTranscript(Path data) {
        this.data = data;
    }

    Outcome run(String... args) {
        synchronized (OpsTranscript.class) {
            PrintStream originalOut = System.out;
            PrintStream originalErr = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream capturing = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(capturing);
            System.setErr(capturing);
            try {
                String[] all = new String[args.length + 2];
                System.arraycopy(args, 0, all, 0, args.length);
                all[args.length] = "--local-data";
                all[args.length + 1] = data.toString();
                // no SPRING_DATASOURCE_URL from the machine's environment: always this runtime's database
                int exit = OpsCommandLine.run(Map.of(), all);
                return new Outcome(exit, captured.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(originalOut);
                System.setErr(originalErr);
                originalOut.println("$ ops " + String.join(" ", args));
                originalOut.print(captured.toString(StandardCharsets.UTF_8));
            }
        }
    }
}
