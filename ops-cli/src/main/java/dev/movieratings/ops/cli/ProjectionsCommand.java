package dev.movieratings.ops.cli;

import dev.movieratings.projection.maintenance.application.Projection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ops projections}: what {@code rebuild --projection} accepts, each with what it holds. The names come from
 * {@link Projection}, so a projection added there shows up here and in the rebuild's help without an edit.
 */
@Command(name = "projections", description = "List the projections `rebuild --projection` accepts and what each holds.")
final class ProjectionsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (Projection projection : Projection.values()) {
            System.out.printf("%-10s %s%n", projection.projectionName(), projection.description());
        }
        return 0;
    }

    /** The names {@code --projection} accepts, for picocli's help ({@code ${COMPLETION-CANDIDATES}}). */
    static final class ProjectionNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Projection.values())
                    .map(Projection::projectionName)
                    .iterator();
        }
    }
}
