package dev.movieratings.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command line takes its settings from the environment it is started with (read once, in main), and a bad
 * value stops it before it touches anything, with a message naming the variable and the value.
 */
class OpsEnvironmentTest {

    @Test
    void aBadRebuildMemoryIsNamedWithItsValue() {
        assertThat(failure(Map.of("PROJECTION_REBUILD_MEMORY", "lots"), "rebuild"))
                .contains("PROJECTION_REBUILD_MEMORY")
                .contains("'lots'");
    }

    @Test
    void aBadMinimumVotesIsNamedWithItsValue() {
        assertThat(failure(Map.of("WEIGHTED_RATING_MIN_VOTES", "1e9"), "rebuild", "--projection", "scores"))
                .contains("WEIGHTED_RATING_MIN_VOTES")
                .contains("'1e9'");
    }

    @Test
    void theDatabaseIsTheOneTheEnvironmentNamesAndAnUnreachableOneIsNamedWithoutAStackTrace() {
        // nothing listens on port 1: the status command fails on exactly that URL, not on a local runtime's
        assertThat(failure(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/nowhere"), "status"))
                .startsWith("ops: cannot reach the database at jdbc:postgresql://127.0.0.1:1/nowhere: ")
                .contains("refused")
                .doesNotContain("\tat ");
    }

    private static String failure(Map<String, String> environment, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = OpsCli.run(environment, args);
        } catch (RuntimeException e) {
            exit = -1;
            e.printStackTrace(System.err);
        } finally {
            System.setErr(original);
        }
        assertThat(exit).as("exit code").isNotZero();
        return err.toString(StandardCharsets.UTF_8);
    }
}
