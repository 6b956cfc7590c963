package dev.movieratings.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads the main Java sources of every module: a metric name or a Micrometer meter may be written only
 * in {@link MeterCatalogue}, so that Prometheus and CloudWatch cannot get two names for one thing.
 */
class MetricNamesOnlyInTheCatalogueTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final String CATALOGUE = "MeterCatalogue.java";
    /** String literals that look like metric names and are not: the database roles (DatabaseRole, V20). */
    private static final Set<String> NOT_METRICS = Set.of(
            "movie_ratings_owner",
            "movie_ratings_command",
            "movie_ratings_relay",
            "movie_ratings_projector",
            "movie_ratings_query",
            "movie_ratings_ops",
            "movie_ratings_analyst");

    private static final Pattern METRIC_NAME_LITERAL =
            Pattern.compile("\"((?:movie_ratings|http[._]server[._]requests)[a-z_.]*)");
    /** A Micrometer builder, or a registry shortcut given a name literal (a catalogue constant's own call is fine). */
    private static final Pattern METER_BUILT_HERE = Pattern.compile(
            "\\b(?:Counter|Timer|Gauge|DistributionSummary|LongTaskTimer|FunctionCounter|FunctionTimer|TimeGauge)"
                    + "\\.builder\\("
                    + "|(?<![A-Z0-9_])\\.(?:counter|timer|gauge|summary|gaugeCollectionSize|gaugeMapSize)\\(\\s*\"");

    @Test
    void noMainCodeOutsideTheCatalogueWritesAMetricNameOrBuildsAMeter() throws IOException {
        List<Path> sources = mainSources();
        assertThat(sources)
                .as("the scan sees the modules' sources")
                .anyMatch(p -> p.endsWith(Path.of("dev/movieratings/observability/MeterCatalogue.java")))
                .anyMatch(p -> p.toString().contains("projection-worker"))
                .anyMatch(p -> p.toString().contains("local-runtime"));
        List<String> offences = new ArrayList<>();
        for (Path source : sources) {
            if (source.getFileName().toString().equals(CATALOGUE)) {
                continue;
            }
            offences.addAll(offences(REPOSITORY.relativize(source), Files.readString(source)));
        }
        assertThat(offences).as("metric names or meters outside MeterCatalogue").isEmpty();
    }

    @Test
    void theScanCatchesANameLiteralAndAMeterBuiltOutsideTheCatalogue() {
        assertThat(offences(Path.of("A.java"), "Counter.builder(name).register(r);"))
                .hasSize(1);
        assertThat(offences(Path.of("A.java"), "registry.counter(\"orders\");")).hasSize(1);
        assertThat(offences(Path.of("A.java"), "emit(\"movie_ratings_event_publish_failures_total\", 1);"))
                .hasSize(1);
        assertThat(offences(Path.of("A.java"), "String n = \"http.server.requests\";"))
                .hasSize(1);
        assertThat(offences(Path.of("A.java"), "MeterCatalogue.ERRORS.counter(\"publish_failed\");"))
                .isEmpty();
        assertThat(offences(Path.of("A.java"), "role(\"movie_ratings_analyst\");"))
                .isEmpty();
    }

    static List<String> offences(Path source, String text) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher name = METRIC_NAME_LITERAL.matcher(lines[i]);
            while (name.find()) {
                if (!NOT_METRICS.contains(name.group(1))) {
                    found.add(source + ":" + (i + 1) + ": metric name " + name.group(1));
                }
            }
            Matcher meter = METER_BUILT_HERE.matcher(lines[i]);
            while (meter.find()) {
                found.add(source + ":" + (i + 1) + ": meter built outside the catalogue: " + lines[i].trim());
            }
        }
        return found;
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> REPOSITORY.relativize(p).toString().contains("src/main/java/"))
                    .filter(p -> !REPOSITORY.relativize(p).toString().contains("/target/"))
                    .filter(p -> !REPOSITORY.relativize(p).startsWith("node_modules"))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
