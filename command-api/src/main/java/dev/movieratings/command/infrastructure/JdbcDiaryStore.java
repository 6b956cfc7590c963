package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.DiaryStore;
import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.FunctionMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The diary's port onto the event table and the personal store; appends go through the rating store's append. */
class JdbcDiaryStore implements DiaryStore {

    /** An entry is the person's when their stream holds its first event. The type is read from the payload (the
     * command role may not read event_type) and written as a literal: it is the predicate of the partial index
     * rating_events_diary_entries (V113), which a parameter would keep the planner from using. */
    static final String MOVIE_OF_ENTRY = """
            select movie_id from rating_events
            where user_id = ? and payload ->> 'type' = 'DiaryEntryLogged' and payload ->> 'entryId' = ?
            limit 1""";

    private static final String REVIEW_TEXT =
            "select text from personal.review_texts where user_id = ? and movie_id = ?";
    private static final String FORGET_NOTE = "delete from personal.diary_notes where entry_id = ? and user_id = ?";
    private static final String KEEP_NOTE =
            "insert into personal.diary_notes (entry_id, user_id, text) values (?, ?, ?)";
    private static final String NOTES_OF = "select entry_id, text from personal.diary_notes where user_id = ?";

    private final JdbcClient jdbc;
    private final EventTable events;
    private final JdbcRatingEventStore ratings;
    private final TransactionTemplate transaction;

    JdbcDiaryStore(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.events = new EventTable(jdbc);
        this.ratings = new JdbcRatingEventStore(jdbc, transaction);
        this.transaction = transaction;
    }

    @Override
    public List<RatingEvent> stream(String userId, long movieId) {
        return FunctionMetrics.databaseTime(
                "event_read",
                () -> events.ofStream(userId, movieId).stream()
                        .map(StoredEvent::event)
                        .toList());
    }

    @Override
    public Optional<Long> movieOfEntry(String userId, UUID entryId) {
        return FunctionMetrics.databaseTime(
                "event_read",
                () -> jdbc.sql(MOVIE_OF_ENTRY)
                        .params(userId, entryId.toString())
                        .query(Long.class)
                        .optional());
    }

    @Override
    public Optional<String> reviewText(String userId, long movieId) {
        return jdbc.sql(REVIEW_TEXT).params(userId, movieId).query(String.class).optional();
    }

    @Override
    public Optional<RatingEventStore.RecordedCommand> findByIdempotencyKey(String userId, String idempotencyKey) {
        return ratings.findByIdempotencyKey(userId, idempotencyKey);
    }

    @Override
    public List<StoredEvent> append(
            List<RatingEvent> appending,
            UUID entryId,
            @Nullable String note,
            @Nullable String idempotencyKey,
            @Nullable String fingerprint) {
        List<StoredEvent> stored;
        try {
            stored = FunctionMetrics.databaseTime(
                    "event_append",
                    () -> transaction.execute(status -> {
                        List<StoredEvent> appended = new ArrayList<>();
                        for (int i = 0; i < appending.size(); i++) {
                            RatingEvent event = appending.get(i);
                            boolean last = i == appending.size() - 1;
                            long position = ratings.appendInTransaction(
                                    event, last ? idempotencyKey : null, last ? fingerprint : null);
                            appended.add(new StoredEvent(position, event));
                        }
                        String userId = appending.get(0).userId();
                        jdbc.sql(FORGET_NOTE).params(entryId, userId).update();
                        if (note != null) {
                            jdbc.sql(KEEP_NOTE).params(entryId, userId, note).update();
                        }
                        return appended;
                    }));
        } catch (EventTable.IdempotencyKeyTaken e) {
            throw new RatingEventStore.IdempotencyKeyTaken(e.getMessage());
        } catch (EventTable.StreamVersionTaken e) {
            throw new RatingEventStore.StreamVersionConflict(e.getMessage());
        }
        List<StoredEvent> committed = stored == null ? List.of() : stored;
        committed.forEach(each -> JdbcRatingEventStore.appended(each.event(), each.position()));
        return committed;
    }

    @Override
    public List<NoteCopy> notesOf(String userId) {
        return jdbc.sql(NOTES_OF)
                .param(userId)
                .query((rs, n) -> new NoteCopy(rs.getObject("entry_id", UUID.class), rs.getString("text")))
                .list();
    }
}
