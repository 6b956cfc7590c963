package dev.movieratings.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Files stay small (issue 13): a main Java file over {@value #MAX_LINES} lines says at its top why it is one
 * file, as its first line {@code // Over 250 lines: <why>}, so a reviewer weighs the reason instead of the size.
 */
class SourceFileSizeTest {

    static final int MAX_LINES = 250;
    static final String REASON = "// Over 250 lines: ";

    @Test
    void everyLongMainFileSaysWhyAtItsTop() {
        assertThat(mainSources())
                .filteredOn(file -> tooLongWithoutReason(lines(file)))
                .as("main Java files over " + MAX_LINES + " lines whose first line is not '" + REASON + "<why>'")
                .isEmpty();
    }

    @Test
    void theRuleTellsTheFilesApart() {
        List<String> longFile = Stream.generate(() -> "x").limit(MAX_LINES + 1).toList();
        assertThat(tooLongWithoutReason(longFile)).isTrue();
        assertThat(tooLongWithoutReason(longFile.subList(0, MAX_LINES))).isFalse();
        List<String> explained = Stream.concat(Stream.of(REASON + "one table's every statement."), longFile.stream())
                .toList();
        assertThat(tooLongWithoutReason(explained)).isFalse();
        List<String> emptyReason =
                Stream.concat(Stream.of(REASON), longFile.stream()).toList();
        assertThat(tooLongWithoutReason(emptyReason)).isTrue();
    }

    static boolean tooLongWithoutReason(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return false;
        }
        String first = lines.get(0);
        return !(first.startsWith(REASON) && !first.substring(REASON.length()).isBlank());
    }

    private static List<Path> mainSources() {
        return SourceFiles.under("src/main/java", 100);
    }

    private static List<String> lines(Path file) {
        return SourceFiles.read(file).lines().toList();
    }
}
