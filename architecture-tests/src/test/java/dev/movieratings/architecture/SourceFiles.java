package dev.movieratings.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's Java sources as the architecture tests scan them: every module, build output left out. */
final class SourceFiles {

    private SourceFiles() {}

    /**
     * The Java files under every module's {@code folder} ("src/main/java", "src/test/java"); at least
     * {@code atLeast} of them, so a scan that looks in the wrong place fails instead of passing on nothing.
     */
    static List<Path> under(String folder, int atLeast) {
        Path root = Path.of("").toAbsolutePath().getParent();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> found = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/" + folder + "/"))
                    .filter(file -> !file.toString().contains("/target/")
                            && !file.toString().contains("/node_modules/"))
                    .toList();
            assertThat(found).as(folder + " sources under " + root).hasSizeGreaterThan(atLeast);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
