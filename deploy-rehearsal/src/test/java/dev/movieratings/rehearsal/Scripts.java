package dev.movieratings.rehearsal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/** Runs the pipeline's scripts as CodeBuild would: bash from the repository root, with the job's environment. */
final class Scripts {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Duration LIMIT = Duration.ofMinutes(5);

    record Run(int exit, String output, Duration took) {}

    private Scripts() {}

    /** The commands of one phase of a buildspec, in order, as one bash script that stops at the first failure. */
    @SuppressWarnings("unchecked")
    static String buildspecCommands(String buildspec, String phase) {
        try {
            Map<String, Object> spec = new Yaml().load(Files.readString(REPOSITORY.resolve(buildspec)));
            Map<String, Object> phases = (Map<String, Object>) spec.get("phases");
            List<String> commands = (List<String>) ((Map<String, Object>) phases.get(phase)).get("commands");
            return String.join("\n", commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> buildspecArtifacts(String buildspec) {
        try {
            Map<String, Object> spec = new Yaml().load(Files.readString(REPOSITORY.resolve(buildspec)));
            return (List<String>) ((Map<String, Object>) spec.get("artifacts")).get("files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of one named secondary artifact of a buildspec (the ones CodePipeline hands to a later stage). */
    @SuppressWarnings("unchecked")
    static List<String> buildspecSecondaryArtifact(String buildspec, String name) {
        try {
            Map<String, Object> spec = new Yaml().load(Files.readString(REPOSITORY.resolve(buildspec)));
            Map<String, Object> secondary =
                    (Map<String, Object>) ((Map<String, Object>) spec.get("artifacts")).get("secondary-artifacts");
            return (List<String>) ((Map<String, Object>) secondary.get(name)).get("files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Run bash(String script, Map<String, String> environment) {
        long started = System.nanoTime();
        try {
            Path log = Files.createTempFile("rehearsal", ".log");
            ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(REPOSITORY.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("script did not finish within " + LIMIT + ":\n" + script);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Run(process.exitValue(), output, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
