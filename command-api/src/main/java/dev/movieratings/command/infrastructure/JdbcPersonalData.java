package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.PersonalData;
import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.observability.MeterCatalogue;
import dev.movieratings.rating.profile.DisplayName;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The personal store (schema personal) and the person's events, in PostgreSQL. */
class JdbcPersonalData implements PersonalData {

    private static final String TEXTS = """
            select movie_id, stream_version, text, review_id, written_at from personal.review_texts where user_id = ?
            order by movie_id""";
    private static final String TAGS = """
            select tag_id, movie_id, text from personal.tags where user_id = ? order by movie_id, key""";
    private static final String PROFILE = """
            select display_name, updated_at from personal.profiles where user_id = ?""";
    private static final String SAVE_PROFILE = """
            insert into personal.profiles (user_id, display_name, skeleton, folded_skeleton, updated_at)
            values (?, ?, ?, ?, ?)
            on conflict (user_id) do update set
                display_name = excluded.display_name, skeleton = excluded.skeleton,
                folded_skeleton = excluded.folded_skeleton, updated_at = excluded.updated_at""";
    private static final String RECORD_PUBLICATION =
            "insert into event_publications (position, event_id) values (?, ?)";
    private static final String FORGET_TEXTS = "delete from personal.review_texts where user_id = ?";
    private static final String FORGET_DIARY_NOTES = "delete from personal.diary_notes where user_id = ?";
    private static final String FORGET_TAGS = "delete from personal.tags where user_id = ?";
    private static final String DIARY_NOTES = "select entry_id, text from personal.diary_notes where user_id = ?";
    private static final String FORGET_PROFILE = "delete from personal.profiles where user_id = ?";
    private static final String FORGET_REQUEST_KEY = "delete from personal.request_keys where user_id = ?";
    private static final String FORGET_USER = "delete from users where user_id = ?";

    private final JdbcClient jdbc;
    private final EventTable events;
    private final TransactionTemplate transaction;

    JdbcPersonalData(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.events = new EventTable(jdbc);
        this.transaction = transaction;
    }

    @Override
    public List<StoredEvent> eventsOf(String userId) {
        return FunctionMetrics.databaseTime("event_read", () -> events.ofUser(userId));
    }

    @Override
    public List<ReviewCopy> reviewTextsOf(String userId) {
        return jdbc.sql(TEXTS)
                .param(userId)
                .query((rs, n) -> new ReviewCopy(
                        rs.getLong("movie_id"),
                        rs.getInt("stream_version"),
                        rs.getString("text"),
                        rs.getObject("review_id", UUID.class),
                        rs.getTimestamp("written_at").toInstant()))
                .list();
    }

    @Override
    public List<TagCopy> tagsOf(String userId) {
        return jdbc.sql(TAGS)
                .param(userId)
                .query((rs, n) ->
                        new TagCopy(rs.getObject("tag_id", UUID.class), rs.getLong("movie_id"), rs.getString("text")))
                .list();
    }

    @Override
    public List<DiaryNoteCopy> diaryNotesOf(String userId) {
        return jdbc.sql(DIARY_NOTES)
                .param(userId)
                .query((rs, n) -> new DiaryNoteCopy(rs.getObject("entry_id", UUID.class), rs.getString("text")))
                .list();
    }

    @Override
    public Optional<Profile> profileOf(String userId) {
        return jdbc.sql(PROFILE)
                .param(userId)
                .query((rs, n) -> new Profile(
                        rs.getString("display_name"),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    @Override
    public Profile saveProfile(String userId, DisplayName name, Instant at) {
        try {
            jdbc.sql(SAVE_PROFILE)
                    .params(userId, name.value(), name.skeleton(), name.foldedSkeleton(), Timestamp.from(at))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new DisplayNameTaken();
        }
        return new Profile(name.value(), at);
    }

    @Override
    public List<StoredEvent> erase(String userId, List<RatingEvent> erasure) {
        List<StoredEvent> appended;
        try {
            appended = FunctionMetrics.databaseTime(
                    "event_append",
                    () -> transaction.execute(status -> {
                        jdbc.sql(FORGET_TEXTS).param(userId).update();
                        jdbc.sql(FORGET_PROFILE).param(userId).update();
                        jdbc.sql(FORGET_DIARY_NOTES).param(userId).update();
                        jdbc.sql(FORGET_TAGS).param(userId).update();
                        jdbc.sql(FORGET_REQUEST_KEY).param(userId).update();
                        jdbc.sql(FORGET_USER).param(userId).update();
                        List<StoredEvent> stored = new ArrayList<>();
                        for (RatingEvent event : erasure) {
                            long position = events.append(event, null, null);
                            jdbc.sql(RECORD_PUBLICATION)
                                    .params(position, event.eventId())
                                    .update();
                            stored.add(new StoredEvent(position, event));
                        }
                        return stored;
                    }));
        } catch (EventTable.StreamVersionTaken e) {
            throw new RatingEventStore.StreamVersionConflict(e.getMessage());
        }
        erasure.forEach(
                event -> MeterCatalogue.EVENTS_APPENDED.counter(event.type()).increment());
        return appended;
    }
}
