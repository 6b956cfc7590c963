package dev.movieratings.command.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.testsupport.MigratedDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding a diary entry's film by the entry id (every edit and delete starts there) walks the partial index of the
 * diary's first events (V113), not every event of the person: also in the generic plan a prepared statement ends up
 * with, where a parameter for the event type would keep the index out.
 */
class DiaryEntryLookupIntegrationTest {

    private static MigratedDatabase database;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void theLookupOfAnEntryUsesTheDiaryEntriesIndexInAGenericPlan() throws SQLException {
        String prepared = "prepare movie_of_entry(text, text) as "
                + JdbcDiaryStore.MOVIE_OF_ENTRY.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2");

        List<String> plan = new ArrayList<>();
        try (Connection connection = database.as(DatabaseRole.COMMAND).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("set plan_cache_mode = force_generic_plan");
            statement.execute("set enable_seqscan = off");
            statement.execute(prepared);
            try (ResultSet rows = statement.executeQuery("explain execute movie_of_entry('alice', 'an-entry')")) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
        }

        assertThat(String.join("\n", plan)).contains("rating_events_diary_entries");
    }
}
