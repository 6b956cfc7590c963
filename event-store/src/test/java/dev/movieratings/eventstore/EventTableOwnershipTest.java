package dev.movieratings.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only this module writes to the event table: no main source of another module inserts into, copies
 * into, updates, deletes from or alters {@code rating_events}. Tests may (they forge rows on purpose).
 */
class EventTableOwnershipTest {

    static final Pattern WRITES = Pattern.compile(
            "(insert\\s+into|copy|update|delete\\s+from|alter\\s+table|truncate)\\s+(table\\s+)?rating_events\\b",
            Pattern.CASE_INSENSITIVE);

    @Test
    void noMainCodeOutsideTheEventStoreWritesTheEventTable() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).exists();
        List<Path> sources = mainSources(root);
        assertThat(sources).as("main sources outside event-store").hasSizeGreaterThan(50);

        assertThat(sources.stream().filter(EventTableOwnershipTest::writesTheEventTable))
                .as("main sources outside event-store that write rating_events")
                .isEmpty();
    }

    @Test
    void theScanRecognisesEveryKindOfWrite() {
        assertThat(List.of(
                        "\"insert into rating_events (event_id)\"",
                        "\"\"\"\n  INSERT INTO\n   rating_events\"\"\"",
                        "\"copy rating_events (event_id) from stdin\"",
                        "\"update rating_events set user_id = ?\"",
                        "\"delete from rating_events\"",
                        "\"alter table rating_events drop constraint x\""))
                .allMatch(source -> WRITES.matcher(source).find());
        assertThat(List.of(
                        "\"select payload from rating_events\"",
                        "\"insert into rating_events_archive\"",
                        "\"join rating_events e on e.position = p.position\""))
                .noneMatch(source -> WRITES.matcher(source).find());
    }

    static List<Path> mainSources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> root.relativize(file).toString().contains("src/main/java/"))
                    .filter(file -> !root.relativize(file).startsWith("event-store"))
                    .filter(file -> !file.toString().contains("/target/")
                            && !file.toString().contains("/node_modules/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean writesTheEventTable(Path source) {
        try {
            return WRITES.matcher(Files.readString(source)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
