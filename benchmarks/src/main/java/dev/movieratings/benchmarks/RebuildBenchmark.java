// Over 250 lines: one benchmark run end to end (seed, scans, floors, rebuild, verify), read as one report.
package dev.movieratings.benchmarks;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.local.seed.MovieLensImport;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
                        + " | copy of every rebuilt table s | rebuild ÷ that floor (wall / CPU) | verify s |",
                "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"));
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
            DatabaseLogins logins = DatabaseLogins.random(database.jdbcUrl());
            logins.migrate(data);
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

            // as the ops function runs it, under its own role: the owner's swap only takes tables the ops role made
            ProjectionMaintenance maintenance = JdbcProjectionMaintenance.create(
                    logins.dataSource(DatabaseRole.OPS),
                    RebuildSettings.of(
                            System.getenv("PROJECTION_REBUILD_MEMORY"),
                            Integer.getInteger("projection.rebuild.workers")));
            ProcessCpu cpu = ProcessCpu.of(jdbc);
            System.out.println("load average before the rebuild: " + Benchmarks.loadAverage());
            long rebuildCpuBefore = cpu.nanos();
            RebuildReport report = maintenance.rebuildAll(new RebuildProgress() {
                @Override
                public void phase(String description) {
                    System.out.println("  rebuild: " + description);
                }
            });
            double rebuildCpu = (cpu.nanos() - rebuildCpuBefore) / 1e9;
            double rebuild = report.took().toNanos() / 1e9;
            System.out.printf(
                    "%s: rebuild %.2f s (%.1f× the scan), %,d ratings, %,d movies; phases %s%n",
                    name, rebuild, rebuild / scan, report.streams(), report.movies(), report.phases());

            // the floor for writing the result at all: the rebuilt rows copied the way the rebuild writes them (load,
            // then build the indexes), user_ratings alone (the floor of the runs before issue 19 added tables) and
            // every rebuilt table, on as many connections at a time as the rebuild used
            double copy = copyFloor(data, List.of("user_ratings"), 1);
            int workers = Integer.getInteger(
                    "projection.rebuild.workers",
                    Objects.requireNonNull(jdbc.queryForObject(
                            "select current_setting('max_parallel_workers_per_gather')::int + 1", Integer.class)));
            long floorCpuBefore = cpu.nanos();
            double copyAll = copyFloor(data, rebuiltTables(jdbc), workers);
            double floorCpu = (cpu.nanos() - floorCpuBefore) / 1e9;
            System.out.printf(
                    "%s: copy floor user_ratings %.2f s, every rebuilt table %.2f s; rebuild ÷ floor %.2f× wall,"
                            + " %.2f× CPU (rebuild %.1f CPU s, floor %.1f CPU s); load average now %s%n",
                    name,
                    copy,
                    copyAll,
                    rebuild / copyAll,
                    rebuildCpu / floorCpu,
                    rebuildCpu,
                    floorCpu,
                    Benchmarks.loadAverage());
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
                    "| %s | %,d | %,d | %.2f | %.2f | %.1f× | %s | %.2f | %.2f | %.2f | %.2f× / %.2f× | %.1f |",
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
                    copyAll,
                    rebuild / copyAll,
                    rebuildCpu / floorCpu,
                    verify);
        }
    }

    /**
     * Every table a rebuild writes: those in schema projection (the rebuild's shadow schema is gone after the
     * swap).
     */
    private static List<String> rebuiltTables(JdbcTemplate jdbc) {
        return jdbc.queryForList(
                "select tablename from pg_tables where schemaname = 'projection' order by tablename", String.class);
    }

    /**
     * Copies the tables' rows into fresh tables without indexes, then builds their indexes, {@code workers} statements
     * at a time (largest first), each on its own connection: the rebuild's own writing and indexing, without reading
     * a single event. @return seconds
     */
    private static double copyFloor(DataSource data, List<String> tables, int workers) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(data);
        jdbc.execute("create schema floor_copy");
        try {
            List<String> copies = new ArrayList<>();
            List<String> indexes = new ArrayList<>();
            for (String table : jdbc.queryForList(
                    "select tablename from pg_tables where schemaname = 'projection' and tablename = any(?)"
                            + " order by pg_relation_size(format('projection.%I', tablename)) desc",
                    String.class, (Object) tables.toArray(String[]::new))) {
                jdbc.execute("create table floor_copy." + table + " (like projection." + table
                        + " including all excluding indexes)");
                // generated columns (similar_movies' similarity) are computed by the insert, as in the rebuild
                String columns = String.join(
                        ", ",
                        jdbc.queryForList(
                                "select quote_ident(attname) from pg_attribute where attrelid = ?::regclass"
                                        + " and attnum > 0 and not attisdropped and attgenerated = '' order by attnum",
                                String.class,
                                "projection." + table));
                copies.add("insert into floor_copy." + table + " (" + columns + ") select " + columns
                        + " from projection." + table);
                for (String index : jdbc.queryForList(
                        "select indexdef from pg_indexes where schemaname = 'projection' and tablename = ?",
                        String.class,
                        table)) {
                    indexes.add(index.replace(" ON projection." + table + " ", " ON floor_copy." + table + " "));
                }
            }
            return seconds(() -> {
                inParallel(data, copies, workers);
                inParallel(data, indexes, workers);
            });
        } finally {
            jdbc.execute("drop schema floor_copy cascade");
        }
    }

    private static void inParallel(DataSource data, List<String> statements, int workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String statement : statements) {
                running.add(pool.submit(() -> {
                    new JdbcTemplate(data).execute(statement);
                    return null;
                }));
            }
            for (Future<?> each : running) {
                each.get();
            }
        } finally {
            pool.shutdown();
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
