package dev.movieratings.projection.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.maintenance.application.Projection;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.projection.maintenance.application.RebuildProgress;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.projection.maintenance.infrastructure.RebuildSettings;
import dev.movieratings.rating.projection.WeightedRating;
import dev.movieratings.testsupport.MigratedDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The analysts' views (issue 19 item 5): every view and column is described, also after a rebuild dropped and
 * recreated them; the weighted rating uses the m the functions are given and C as the movie page has it; the score
 * history holds each day's values with C as of that day.
 */
class AnalyticsViewsIntegrationTest {

    private static final int M = 3;
    private static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DAY2 = DAY1.plusSeconds(86_400);
    private static final Instant DAY3 = DAY2.plusSeconds(86_400);

    private static MigratedDatabase database;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
        jdbc = database.jdbc();
        jdbc.sql("insert into movies (movie_id, title) values (1, 'One'), (2, 'Two')")
                .update();
        append(rating("alice", 1, 1, DAY1, 4.0, null));
        append(rating("bob", 1, 1, DAY2, 2.0, null));
        append(rating("carol", 2, 1, DAY2, 3.0, null));
        append(rating("alice", 1, 2, DAY3, 5.0, 4.0));
        // tags (issue 19): two people tag film 1 "Dark" in two spellings, one takes "slow" off again
        tag("alice", 1, 1, "Dark");
        tag("bob", 1, 1, "dark");
        UUID slow = tag("bob", 1, 2, "slow");
        append(new MovieUntagged(UUID.randomUUID(), "bob", 1, 3, DAY3, slow, null));
        jdbc.sql("delete from personal.tags where tag_id = ?").param(slow).update();
        maintenance().rebuildAll();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void everyViewAndColumnIsDescribedAlsoAfterRebuildsRecreatedThem() {
        assertThat(views())
                .contains("movie_scores", "movie_score_history", "similar_movies", "user_ratings", "movie_tags");
        assertThat(undescribed()).isEmpty();

        maintenance().rebuild(Projection.HISTORY, RebuildProgress.SILENT);
        maintenance().rebuild(Projection.SIMILAR, RebuildProgress.SILENT);
        maintenance().rebuildAll();

        assertThat(views()).contains("movie_scores", "movie_score_history", "similar_movies", "user_ratings");
        assertThat(undescribed()).isEmpty();
    }

    @Test
    void theWeightedRatingUsesTheConfiguredMinimumVotesAndTheMeanOfAllCurrentRatings() {
        double mean = (5.0 + 2.0 + 3.0) / 3;
        double expected = new WeightedRating(mean, M).of(2, 3.5);

        assertThat(decimal("select weighted_rating from analytics.movie_scores where movie_id = 1"))
                .isCloseTo(expected, within(0.00005));
    }

    @Test
    void theHistoryHoldsEachDaysValuesWithTheMeanAsOfThatDay() {
        List<Object[]> expected = List.of(
                new Object[] {1L, 4.0, new WeightedRating(4.0, M).of(1, 4.0)},
                new Object[] {2L, 3.0, new WeightedRating((4.0 + 2.0 + 3.0) / 3, M).of(2, 3.0)},
                new Object[] {2L, 3.5, new WeightedRating((5.0 + 2.0 + 3.0) / 3, M).of(2, 3.5)});
        List<Object[]> history = jdbc.sql(
                        "select rating_count, average_rating, weighted_rating from analytics.movie_score_history"
                                + " where movie_id = 1 order by day")
                .query((rs, row) -> new Object[] {
                    rs.getLong("rating_count"), rs.getDouble("average_rating"), rs.getDouble("weighted_rating")
                })
                .list();

        assertThat(history).hasSize(expected.size());
        for (int day = 0; day < expected.size(); day++) {
            assertThat(history.get(day)[0]).as("day %d count", day + 1).isEqualTo(expected.get(day)[0]);
            assertThat((double) history.get(day)[1]).isEqualTo((double) expected.get(day)[1]);
            assertThat((double) history.get(day)[2])
                    .as("day %d weighted", day + 1)
                    .isCloseTo((double) expected.get(day)[2], within(0.00005));
        }
    }

    @Test
    void theTagsAreCountedByKeyInTheirCommonestSpellingOnlyWhileTheyAreOn() {
        List<String> tags = jdbc.sql("select tag_key || '=' || people from analytics.movie_tags where movie_id = 1")
                .query(String.class)
                .list();

        assertThat(tags).containsExactly("dark=2");
        assertThat(jdbc.sql("select count(*) from information_schema.columns"
                                + " where table_schema = 'analytics' and table_name = 'movie_tags'"
                                + " and column_name like '%user%'")
                        .query(Long.class)
                        .single())
                .as("no user ids")
                .isZero();
    }

    private List<String> views() {
        return jdbc.sql("select relname from pg_class where relnamespace = 'analytics'::regnamespace and relkind = 'v'")
                .query(String.class)
                .list();
    }

    /** Views without a description, and view columns without one, as view or view.column. */
    private List<String> undescribed() {
        return jdbc.sql("""
                        select c.relname from pg_class c
                        where c.relnamespace = 'analytics'::regnamespace and c.relkind = 'v'
                          and obj_description(c.oid, 'pg_class') is null
                        union all
                        select c.relname || '.' || a.attname from pg_class c
                        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                        where c.relnamespace = 'analytics'::regnamespace and c.relkind = 'v'
                          and col_description(c.oid, a.attnum) is null
                        """).query(String.class).list();
    }

    private double decimal(String sql) {
        return jdbc.sql(sql).query(Double.class).single();
    }

    private static RatingSubmitted rating(
            String user, long movie, int version, Instant at, double stars, @Nullable Double previous) {
        return new RatingSubmitted(UUID.randomUUID(), user, movie, version, at, stars, previous, DAY1, null);
    }

    /** A tag as the command writes it: its text in the personal store, its event with the id only. */
    private static UUID tag(String user, long movie, int version, String text) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into personal.tags (tag_id, user_id, movie_id, text, key) values (?, ?, ?, ?, lower(?))")
                .params(id, user, movie, text, text)
                .update();
        append(new MovieTagged(UUID.randomUUID(), user, movie, version, DAY2, id));
        return id;
    }

    private static void append(RatingEvent event) {
        EventTable.append(database.administrator(), event);
    }

    private static ProjectionMaintenance maintenance() {
        // as the ops function runs it, given the m Terraform gives the query and projector functions too
        return JdbcProjectionMaintenance.create(
                database.as(DatabaseRole.OPS), RebuildSettings.DEFAULT.withMinimumVotes(M));
    }
}
