package dev.movieratings.projection.maintenance.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.application.ProjectingEvents;
import dev.movieratings.projection.application.ProjectionTransactions;
import dev.movieratings.projection.infrastructure.ProjectionWriter;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.projection.maintenance.application.RebuildProgress;
import dev.movieratings.projection.maintenance.application.RebuildReport;
import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.rating.projection.WeightedRating;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuild folds the events inside PostgreSQL; the verification folds them again in Java
 * (ProjectionFold, the projector's math) and must find no difference — on the histories where the
 * two could part: retract then re-rate, reviews and spoilers, a withdrawn rating's tombstone, several
 * versions, and a late event (a lower stream version stored after a higher one).
 */
class ProjectionRebuildIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    private EmbeddedDatabase database;
    private DatabaseLogins logins;
    private final List<RatingEvent> appended = new ArrayList<>();
    private JdbcClient jdbc;

    @BeforeEach
    void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("insert into movies (movie_id, title) values (1, 'One'), (2, 'Two'), (3, 'Three')")
                .update();
    }

    @AfterEach
    void stop() {
        database.close();
    }

    /** The rebuild runs as ops, which owns only its shadow schema: the swapped-in tables are the owner's again. */
    @Test
    void aRebuildAsTheOpsRoleLeavesTheOwnerOwningTheProjectionsAndEveryRoleItsGrants() {
        seedEdgeCases();

        maintenance().rebuildAll();

        assertThat(jdbc.sql("select distinct pg_get_userbyid(c.relowner) from pg_class c"
                                + " join pg_namespace n on n.oid = c.relnamespace"
                                + " where n.nspname in ('projection', 'analytics') and c.relkind in ('r', 'v')")
                        .query(String.class)
                        .list())
                .containsExactly(DatabaseRole.OWNER.roleName());
        assertThat(jdbc.sql("select to_regnamespace('projection_rebuild') is null")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        JdbcClient query = JdbcClient.create(logins.dataSource(DatabaseRole.QUERY));
        assertThat(query.sql("select count(*) from projection.user_ratings")
                        .query(Long.class)
                        .single())
                .isEqualTo(6);
        JdbcClient analyst = JdbcClient.create(logins.dataSource(DatabaseRole.ANALYST));
        assertThat(analyst.sql("select count(*) from analytics.movie_scores")
                        .query(Long.class)
                        .single())
                .isPositive();
        JdbcClient projector = JdbcClient.create(logins.dataSource(DatabaseRole.PROJECTOR));
        assertThat(projector
                        .sql("update projection.rating_totals set rating_count = rating_count")
                        .update())
                .isEqualTo(1);
    }

    @Test
    void theSetBasedRebuildMatchesTheJavaFoldOnEveryEdgeOfTheHistory() {
        seedEdgeCases();

        RebuildReport report = maintenance().rebuildAll();
        VerificationReport verified = maintenance().verify();

        assertThat(verified.differences()).isEmpty();
        assertThat(report.events()).isEqualTo(12);
        assertThat(report.streams()).isEqualTo(6);
        assertThat(report.watermark()).isEqualTo(verified.watermark()).isEqualTo(maxPosition());
        assertThat(report.phases())
                .extracting(RebuildReport.Phase::name)
                .containsExactly("prepare", "fold", "index", "catch-up", "swap");
        Map<String, Object> movie1 = jdbc.sql(
                        "select rating_count, stars_sum, histogram::text as histogram, review_count, last_rated_at"
                                + " from projection.movie_scores where movie_id = 1")
                .query()
                .singleRow();
        assertThat(movie1)
                .containsEntry("rating_count", 2L)
                .containsEntry("review_count", 1L)
                .containsEntry("histogram", "{0,0,0,0,0,1,0,1,0,0}");
        assertThat(movie1.get("stars_sum").toString()).isEqualTo("7.0");
        assertThat(((Timestamp) movie1.get("last_rated_at")).toInstant())
                .as("the late, stale event does not count as rated")
                .isEqualTo(T0.plusSeconds(600));
        Map<String, Object> bob = jdbc.sql(
                        "select stream_version, stars, review_spoiler, rated_since from projection.user_ratings"
                                + " where user_id = 'bob' and movie_id = 1")
                .query()
                .singleRow();
        assertThat(bob)
                .containsEntry("stream_version", 2)
                .containsEntry("stars", null)
                .containsEntry("review_spoiler", null)
                .containsEntry("rated_since", null);
        Map<String, Object> alice = jdbc.sql(
                        "select stream_version, stars, review_spoiler, rated_since from projection.user_ratings"
                                + " where user_id = 'alice' and movie_id = 1")
                .query()
                .singleRow();
        assertThat(alice).containsEntry("stream_version", 4).containsEntry("review_spoiler", false);
        assertThat(((Timestamp) alice.get("rated_since")).toInstant()).isEqualTo(T0.plusSeconds(240));
        assertThat(jdbc.sql("select rating_count, histogram::text from projection.movie_scores where movie_id = 3")
                        .query()
                        .singleRow())
                .as("a movie whose only rating was withdrawn keeps a zero row")
                .containsEntry("rating_count", 0L);
        assertThat(jdbc.sql("select count(*) from projection.applied_events")
                        .query(Long.class)
                        .single())
                .as("the watermark covers the rebuilt events")
                .isZero();
        assertThat(jdbc.sql("select indexname from pg_indexes"
                                + " where schemaname = 'projection' and tablename = 'user_ratings' order by 1")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "user_ratings_by_user",
                        "user_ratings_likes_by_movie",
                        "user_ratings_likes_by_user",
                        "user_ratings_pkey",
                        "user_ratings_reviews_by_movie");
    }

    @Test
    void verifyFindsAMissingApplicationAndOneThatShouldNotHaveHappened() {
        seedEdgeCases();
        maintenance().rebuildAll();
        RatingSubmitted newer = new RatingSubmitted(
                UUID.randomUUID(), "erin", 2, 1, T0.plusSeconds(3_600), 2.5, null, T0.plusSeconds(3_600), null);
        long above = append(newer);
        assertThat(verify().differences())
                .as("an event above the watermark that is not applied yet is not a difference")
                .isEmpty();

        jdbc.sql("insert into projection.applied_events (position) values (?)")
                .param(above)
                .update();
        assertThat(verify().differences())
                .as("recorded as applied, but not in the tables")
                .extracting(VerificationReport.Difference::table)
                .contains("movie_scores", "user_ratings");
        jdbc.sql("delete from projection.applied_events").update();

        jdbc.sql("delete from projection.user_ratings where user_id = 'dave'").update();
        assertThat(verify().differences())
                .extracting(Object::toString)
                .anyMatch(d -> d.startsWith("user_ratings dave / movie 2: expected") && d.endsWith("found no row"));
        jdbc.sql("insert into projection.applied_events (position) values (?)")
                .param(above + 1)
                .update();
        assertThat(verify().differences()).extracting(Object::toString).anyMatch(d -> d.contains("no such event"));
    }

    @Test
    void aRebuildGivesExactlyTheStateTheProjectorBuiltLive() {
        seedEdgeCases();
        // one DataSource, so the projector's statements join its transactions
        DataSource dataSource = database.dataSource();
        JdbcClient client = JdbcClient.create(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ProjectingEvents projector = new ProjectingEvents(
                new EventTable(client)::byIds,
                ProjectionWriter.live(client, WeightedRating.DEFAULT_MINIMUM_VOTES),
                new ProjectionTransactions() {
                    @Override
                    public <T> T inTransaction(Supplier<T> work) {
                        return transaction.execute(status -> work.get());
                    }
                });
        List<RatingEvent> backwards = new ArrayList<>(appended);
        Collections.reverse(backwards);
        // the last four first, frank's withdrawal before his rating; carol's late version 1 (stored after her
        // version 2) only in batches holding both, as the command side can only ever store versions in order
        projector.apply(backwards.subList(0, 4));
        projector.apply(appended);
        projector.apply(backwards);
        projector.advanceWatermark();
        String live = projectionRows();

        maintenance().rebuildAll();

        assertThat(projectionRows())
                .as("a rebuild from the event table gives the live state")
                .isEqualTo(live);
        assertThat(live).contains("alice", "dave", "gina");
    }

    /**
     * Every projected value except the lists' basis (C as last re-read, and the weighted ratings stored
     * with it): the live one may lag the exact C by contract, the rebuild reads it afresh; verify checks
     * each stored weighted rating against its basis.
     */
    private String projectionRows() {
        return jdbc.sql("""
                        select (select string_agg(r::text, chr(10) order by user_id, movie_id)
                                from projection.user_ratings r)
                            || chr(10) || (select string_agg((s.movie_id, s.rating_count, s.stars_sum, s.histogram,
                                                              s.review_count, s.last_rated_at, s.average_rating)::text,
                                                             chr(10) order by movie_id)
                                           from projection.movie_scores s where rating_count > 0)
                            || chr(10) || (select (t.rating_count, t.stars_sum)::text
                                           from projection.rating_totals t)""").query(String.class).single();
    }

    @Test
    void anEventTheFoldCannotReadStopsTheRebuildAndLeavesTheLiveTables() {
        seedEdgeCases();
        maintenance().rebuildAll();
        jdbc.sql("insert into rating_events (event_id, event_type, schema_version, user_id, movie_id,"
                        + " stream_version, occurred_at, payload)"
                        + " values (gen_random_uuid(), 'RatingSubmitted', 9, 'zoe', 1, 1, now(), '{}')")
                .update();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> maintenance().rebuildAll()))
                .hasMessageContaining("unknown type RatingSubmitted or schema version 9");
        assertThat(jdbc.sql("select rating_count from projection.movie_scores where movie_id = 1")
                        .query(Long.class)
                        .single())
                .isEqualTo(2L);
    }

    @Test
    void aSwapThatLosesADeadlockToAProjectorBatchGoesAgainAndLandsWhole() throws Exception {
        seedEdgeCases();
        ExecutorService projector = Executors.newSingleThreadExecutor();
        List<String> phases = new CopyOnWriteArrayList<>();
        List<Future<?>> batch = new CopyOnWriteArrayList<>();
        RebuildProgress progress = new RebuildProgress() {
            @Override
            public void phase(String description) {
                phases.add(description);
                if (description.startsWith("swapping")) {
                    CountDownLatch holding = new CountDownLatch(1);
                    // as a projector batch takes the live tables: it writes movie_scores, then reads user_ratings
                    batch.add(projector.submit(() -> {
                        try (Connection connection = database.dataSource().getConnection();
                                Statement statement = connection.createStatement()) {
                            connection.setAutoCommit(false);
                            // PostgreSQL aborts whichever waiter checks first; the batch checks late, so the swap loses
                            statement.execute("set local deadlock_timeout = '60s'");
                            statement.execute("update projection.movie_scores set review_count = review_count"
                                    + " where movie_id = 1");
                            holding.countDown();
                            // once the swap holds user_ratings and waits for movie_scores, close the cycle
                            awaitSwapWaitingForALock();
                            statement.execute("select count(*) from projection.user_ratings");
                            connection.commit();
                        }
                        return null;
                    }));
                    await(holding);
                }
            }
        };

        RebuildReport report = maintenance().rebuildAll(progress);
        batch.get(0).get(30, TimeUnit.SECONDS);
        projector.shutdown();

        assertThat(phases)
                .anySatisfy(
                        phase -> assertThat(phase).contains("lost a lock race").contains("deadlock"));
        assertThat(report.watermark()).isEqualTo(maxPosition());
        assertThat(maintenance().verify().differences()).isEmpty();
        assertThat(jdbc.sql("select count(*) from information_schema.schemata where schema_name = 'projection_rebuild'")
                        .query(Long.class)
                        .single())
                .as("the retried swap moved the shadow tables in")
                .isZero();
    }

    /** The swap has locked the live tables it could and waits for one this test's "batch" holds. */
    private void awaitSwapWaitingForALock() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (jdbc.sql("""
                        select count(*) from pg_locks l join pg_class c on c.oid = l.relation
                        join pg_namespace n on n.oid = c.relnamespace
                        where not l.granted and l.mode = 'AccessExclusiveLock'
                        and n.nspname = 'projection'""").query(Long.class).single() == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the swap never waited for the live tables within 30 s");
            }
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void seedEdgeCases() {
        // alice: rate, change with a spoiler review, retract, rate again with a review
        append(submitted("alice", 1, 1, 60, 2.0, null, 60, null));
        append(submitted("alice", 1, 2, 120, 4.5, 2.0, 60, new Review("A twist you will not see coming", true)));
        append(new RatingRetracted(UUID.randomUUID(), "alice", 1, 3, T0.plusSeconds(180), 4.5));
        append(submitted("alice", 1, 4, 240, 3.0, null, 240, new Review("Better the second time", false)));
        // bob: rate, then withdraw: a tombstone that keeps its version
        append(submitted("bob", 1, 1, 300, 5.0, null, 300, new Review("Gone soon", false)));
        append(new RatingRetracted(UUID.randomUUID(), "bob", 1, 2, T0.plusSeconds(360), 5.0));
        // carol: version 2 is stored before version 1, which arrives late and later in time: stale
        append(submitted("carol", 1, 2, 600, 4.0, 1.0, 540, null));
        append(submitted("carol", 1, 1, 3_000, 1.0, null, 540, null));
        // dave: one rating with a review, on another movie
        append(submitted("dave", 2, 1, 420, 0.5, null, 420, new Review("No.", true)));
        // frank: the only rating of movie 3, withdrawn; then gina rates movie 2 twice
        append(submitted("frank", 3, 1, 430, 3.5, null, 430, null));
        append(new RatingRetracted(UUID.randomUUID(), "frank", 3, 2, T0.plusSeconds(440), 3.5));
        append(submitted("gina", 2, 1, 450, 5.0, null, 450, null));
    }

    private static RatingSubmitted submitted(
            String user, long movie, int version, long at, double stars, Double previous, long since, Review review) {
        return new RatingSubmitted(
                UUID.randomUUID(),
                user,
                movie,
                version,
                T0.plusSeconds(at),
                stars,
                previous,
                T0.plusSeconds(since),
                review);
    }

    private long append(RatingEvent event) {
        appended.add(event);
        return EventTable.append(database.dataSource(), event);
    }

    private ProjectionMaintenance maintenance() {
        return JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS));
    }

    private VerificationReport verify() {
        return maintenance().verify();
    }

    private long maxPosition() {
        return jdbc.sql("select max(position) from rating_events")
                .query(Long.class)
                .single();
    }
}
