package dev.movieratings.projection.maintenance.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.migrations.DatabaseMigrations;
import dev.movieratings.projection.application.ProjectionBatch;
import dev.movieratings.projection.infrastructure.ProjectionWriter;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.rating.projection.WeightedRating;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * A history that mixes RatingSubmitted of schema version 1 (stored before version 2 existed), version 2 as
 * the privacy migration (V60) rewrote a version 1 event that carried a review text (text gone, no channel)
 * and version 2 as written now: the live projector (which reads through the upcaster), the SQL rebuild and
 * the Java verify all read them and agree.
 */
class MixedEventVersionsIntegrationTest {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private EmbeddedDatabase database;
    private JdbcClient jdbc;

    @BeforeEach
    void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseMigrations.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("insert into movies (movie_id, title) values (1, 'One'), (2, 'Two')")
                .update();
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void theProjectorTheRebuildAndVerifyReadVersion1AndVersion2Alike() {
        // alice rated in version 1 days, then changed her rating (version 2); bob's whole stream is version 1
        storeAsVersion1(submitted("alice", 1, 1, 0, 3.0, null, new Review("Fine", false)));
        storeAsVersion1(submitted("bob", 1, 1, 60, 4.5, null, null));
        storeAsVersion1(new RatingRetracted(UUID.randomUUID(), "bob", 1, 2, T0.plusSeconds(120), 4.5));
        EventTable.append(database.dataSource(), submitted("alice", 1, 2, 180, 5.0, 3.0, new Review("Better", true)));
        EventTable.append(database.dataSource(), submitted("carol", 2, 1, 240, 2.0, null, null));
        storeAsTheV60MigrationRewroteIt(submitted("dave", 2, 1, 300, 3.5, null, new Review("Meh", true)));
        assertThat(jdbc.sql("select string_agg(schema_version::text, ',' order by position) from rating_events")
                        .query(String.class)
                        .single())
                .isEqualTo("1,1,1,2,2,2");

        List<StoredEvent> all = new EventTable(jdbc).between(0, Long.MAX_VALUE);
        new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()))
                .executeWithoutResult(status ->
                        ProjectionBatch.apply(ProjectionWriter.live(jdbc, WeightedRating.DEFAULT_MINIMUM_VOTES), all));
        ProjectionWriter.advanceLiveWatermark(jdbc);
        String live = rows();
        assertThat(maintenance().verify().differences()).isEmpty();

        maintenance().rebuildAll();

        assertThat(rows())
                .as("the SQL fold of both versions gives the projector's state")
                .isEqualTo(live);
        assertThat(maintenance().verify().differences()).isEmpty();
        assertThat(live).contains("(alice,1,2,5.0,t,").contains("(bob,1,2,,,,").contains("(dave,2,1,3.5,t,");
        assertThat(jdbc.sql("select rating_count || ' ' || stars_sum from projection.movie_scores where movie_id = 1")
                        .query(String.class)
                        .single())
                .isEqualTo("1 5.0");
        assertThat(jdbc.sql("select review_count from projection.movie_scores where movie_id = 2")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    /** Stores the event as version 1 wrote it: the review's text in it, no channel, schema version 1. */
    private void storeAsVersion1(RatingEvent event) {
        ObjectNode payload = RatingEventJson.toTree(event);
        if (event instanceof RatingSubmitted submitted) {
            payload.remove("channel");
            payload.put("schemaVersion", 1);
            if (submitted.review() != null) {
                ((ObjectNode) payload.get("review"))
                        .put("text", submitted.review().text());
            }
        }
        store(event, 1, payload);
    }

    /** V60 dropped the text and set schema version 2, adding no channel. */
    private void storeAsTheV60MigrationRewroteIt(RatingSubmitted event) {
        ObjectNode payload = RatingEventJson.toTree(event);
        payload.remove("channel");
        store(event, 2, payload);
    }

    private void store(RatingEvent event, int schemaVersion, ObjectNode payload) {
        jdbc.sql("""
                        insert into rating_events (event_id, event_type, schema_version, user_id, movie_id,
                                                   stream_version, occurred_at, payload)
                        values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(
                        event.eventId(),
                        event.type(),
                        schemaVersion,
                        event.userId(),
                        event.movieId(),
                        event.streamVersion(),
                        java.sql.Timestamp.from(event.occurredAt()),
                        payload.toString())
                .update();
    }

    private static RatingSubmitted submitted(
            String user, long movie, int version, long at, double stars, Double previous, Review review) {
        return new RatingSubmitted(
                UUID.randomUUID(), user, movie, version, T0.plusSeconds(at), stars, previous, T0, review);
    }

    private ProjectionMaintenance maintenance() {
        return JdbcProjectionMaintenance.create(database.dataSource());
    }

    /** Every column but the stored list score and its basis (V50), which may lag the live side by contract. */
    private static final String ROWS = """
            select (select string_agg(r::text, chr(10) order by user_id, movie_id) from projection.user_ratings r)
                || chr(10) || (select string_agg((s.movie_id, s.rating_count, s.stars_sum, s.histogram,
                                                  s.review_count, s.last_rated_at)::text, chr(10) order by movie_id)
                               from projection.movie_scores s)
                || chr(10) || (select (t.rating_count, t.stars_sum)::text from projection.rating_totals t)""";

    private String rows() {
        return jdbc.sql(ROWS).query(String.class).single();
    }
}
