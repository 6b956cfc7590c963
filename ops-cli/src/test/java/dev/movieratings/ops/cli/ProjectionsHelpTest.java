package dev.movieratings.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.projection.maintenance.application.Projection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rebuild's help and {@code ops projections} name every projection a rebuild accepts (they went stale once). */
class ProjectionsHelpTest {

    @Test
    void theRebuildHelpNamesEveryProjection() {
        String help = printed("rebuild", "--help");

        for (Projection projection : Projection.values()) {
            assertThat(help).contains(projection.projectionName());
        }
    }

    @Test
    void projectionsListsEachNameWithWhatItHolds() {
        String listed = printed("projections");

        assertThat(listed.lines()).hasSize(Projection.values().length);
        for (Projection projection : Projection.values()) {
            assertThat(listed).contains(projection.projectionName() + " ", projection.description());
        }
    }

    private static String printed(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(OpsCli.run(Map.of(), args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
