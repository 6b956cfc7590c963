package dev.movieratings.benchmarks;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.local.seed.MovieLensImport;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.projection.maintenance.application.RebuildProgress;
import dev.movieratings.projection.maintenance.application.RebuildReport;
import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.projection.maintenance.infrastructure.RebuildSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How long does rebuilding every projection take next to a plain GROUP BY scan of the same event
 * table? Two event tables, each in its own embedded PostgreSQL: {@code -Drebuild.events=N} synthetic
 * events with realistic skew (default 10,000,000; {@link SyntheticEvents}), and the MovieLens seed.
 * For each: the baseline scan (median of three), two floors (grouping per stream instead of per movie,
 * and copying the rebuilt user_ratings with its indexes), {@code ProjectionMaintenance.rebuildAll()} with
 * its phases, and {@code ProjectionMaintenance.verify()}, which must be clean.
 */
final class RebuildBenchmark {

    private static final String SCAN =
            "select count(*) from (select movie_id, count(*), avg((payload ->> 'stars')::numeric)"
                    + " from rating_events group by movie_id) per_movie";

    private RebuildBenchmark() {}

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("rebuild.events", 10_000_000);
        List<String> rows = new ArrayList<>(List.of(
                "| event table | events | streams | scan s | rebuild s | rebuild ÷ scan | prepare s | fold s"
                        + " | index s | catch-up s | swap s | per-stream GROUP BY s | copy of user_ratings s"
                        + " | verify s |",
                "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"));
        if (!Boolean.getBoolean("rebuild.skipSynthetic")) {
            rows.add(run("synthetic", database -> {
                long started = System.nanoTime();
                SyntheticEvents.generate(database, events);
                System.out.printf(
                        "generated %,d events in %.1f s%n",
                        new JdbcTemplate(database).queryForObject("select count(*) from rating_events", Long.class),
                        (System.nanoTime() - started) / 1e9);
            }));
        }
        rows.add(run("MovieLens ml-latest-small", database -> {
            MovieLensImport.Report imported = new MovieLensImport(database).importAll();
            System.out.printf("imported %,d MovieLens ratings%n", imported.ratings());
            new JdbcTemplate(database).execute("vacuum (analyze) rating_events");
        }));
        rows.forEach(System.out::println);
    }

    interface Seed {
        void into(DataSource database) throws Exception;
    }

    private static String run(String name, Seed seed) throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"))) {
            DataSource data = database.dataSource();
            DatabaseLogins.random(database.jdbcUrl()).migrate(data);
            seed.into(data);
            JdbcTemplate jdbc = new JdbcTemplate(data);
            long events = Objects.requireNonNull(jdbc.queryForObject("select count(*) from rating_events", Long.class));

            double scan = median(3, () -> jdbc.queryForObject(SCAN, Long.class));
            System.out.printf("%s: %,d events; GROUP BY movie_id scan %.2f s%n", name, events, scan);
            // the floor for finding each stream's latest version at all, without writing anything
            double perStream = median(
                    1,
                    () -> jdbc.queryForObject(
                            "select count(*) from (select user_id, movie_id, max(stream_version)"
                                    + " from rating_events group by user_id, movie_id) per_stream",
                            Long.class));
            System.out.printf(
                    "%s: GROUP BY (user_id, movie_id) %.2f s; collation %s%n",
                    name,
                    perStream,
                    jdbc.queryForObject(
                            "select datcollate from pg_database where datname = current_database()", String.class));

            ProjectionMaintenance maintenance = JdbcProjectionMaintenance.create(
                    data,
                    RebuildSettings.of(
                            System.getenv("PROJECTION_REBUILD_MEMORY"),
                            Integer.getInteger("projection.rebuild.workers")));
            RebuildReport report = maintenance.rebuildAll(new RebuildProgress() {
                @Override
                public void phase(String description) {
                    System.out.println("  rebuild: " + description);
                }
            });
            double rebuild = report.took().toNanos() / 1e9;
            System.out.printf(
                    "%s: rebuild %.2f s (%.1f× the scan), %,d ratings, %,d movies; phases %s%n",
                    name, rebuild, rebuild / scan, report.streams(), report.movies(), report.phases());

            // the floor for writing the result at all: the rebuilt rows copied the way the rebuild writes them (load,
            // then build the indexes)
            double copy = seconds(() -> {
                jdbc.execute("create schema floor_copy");
                jdbc.execute("create table floor_copy.user_ratings"
                        + " (like projection.user_ratings including all excluding indexes)");
                jdbc.execute("insert into floor_copy.user_ratings select * from projection.user_ratings");
                for (String index : jdbc.queryForList(
                        "select indexdef from pg_indexes"
                                + " where schemaname = 'projection' and tablename = 'user_ratings'",
                        String.class)) {
                    jdbc.execute(index.replace(" ON projection.user_ratings ", " ON floor_copy.user_ratings "));
                }
            });
            jdbc.execute("drop schema floor_copy cascade");
            long verifyStarted = System.nanoTime();
            VerificationReport verified = maintenance.verify();
            double verify = (System.nanoTime() - verifyStarted) / 1e9;
            verified.differences().stream().limit(20).forEach(d -> System.out.println("DIFFERENCE " + d));
            if (!verified.clean()) {
                throw new IllegalStateException(name + ": the rebuilt projections differ from the Java fold in "
                        + verified.differences().size() + " place(s)");
            }
            System.out.printf("%s: verify clean over %,d events in %.1f s%n", name, verified.eventsFolded(), verify);
            return String.format(
                    "| %s | %,d | %,d | %.2f | %.2f | %.1f× | %s | %.2f | %.2f | %.1f |",
                    name,
                    events,
                    report.streams(),
                    scan,
                    rebuild,
                    rebuild / scan,
                    String.join(
                            " | ",
                            report.phases().stream()
                                    .map(p -> String.format("%.2f", p.took().toNanos() / 1e9))
                                    .toList()),
                    perStream,
                    copy,
                    verify);
        }
    }

    interface Work {
        void run() throws Exception;
    }

    private static double seconds(Work work) throws Exception {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double median(int times, LongSupplier query) {
        double[] took = new double[times];
        for (int i = 0; i < times; i++) {
            long started = System.nanoTime();
            query.getAsLong();
            took[i] = (System.nanoTime() - started) / 1e9;
        }
        Arrays.sort(took);
        return took[times / 2];
    }
}
