package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.command.application.TagEvents;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.observability.MeterCatalogue;
import dev.movieratings.rating.tag.TagText;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tag commands' port: the tag stream's version from the event table, the tags on now from the personal store
 * (written and deleted with each event, so the two agree), and the append of event, publication record and text in
 * one transaction.
 */
class JdbcTagEvents implements TagEvents {

    private static final String VERSION = """
            select coalesce(max(stream_version), 0) from rating_events
            where user_id = ? and movie_id = ? and stream = 'tag'""";
    private static final String TAGS = "select key, tag_id from personal.tags where user_id = ? and movie_id = ?";
    private static final String RECORD_USER = "insert into users (user_id) values (?) on conflict do nothing";
    private static final String RECORD_PUBLICATION =
            "insert into event_publications (position, event_id) values (?, ?)";
    private static final String ADD_TEXT =
            "insert into personal.tags (tag_id, user_id, movie_id, text, key) values (?, ?, ?, ?, ?)";
    private static final String DELETE_TEXT = "delete from personal.tags where tag_id = ? and user_id = ?";

    private final JdbcClient jdbc;
    private final EventTable events;
    private final TransactionTemplate transaction;

    JdbcTagEvents(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.events = new EventTable(jdbc);
        this.transaction = transaction;
    }

    @Override
    public TagStream stream(String userId, long movieId) {
        return FunctionMetrics.databaseTime("event_read", () -> {
            int version = jdbc.sql(VERSION)
                    .params(userId, movieId)
                    .query(Integer.class)
                    .single();
            Map<String, UUID> tags = new HashMap<>();
            jdbc.sql(TAGS).params(userId, movieId).query(rs -> {
                tags.put(rs.getString("key"), rs.getObject("tag_id", UUID.class));
            });
            return new TagStream(version, tags);
        });
    }

    @Override
    public StoredEvent append(RatingEvent event, @Nullable TagText added) {
        Long position;
        try {
            position = FunctionMetrics.databaseTime(
                    "event_append",
                    () -> transaction.execute(status -> {
                        jdbc.sql(RECORD_USER).param(event.userId()).update();
                        if (event instanceof MovieTagged tagged && added != null) {
                            jdbc.sql(ADD_TEXT)
                                    .params(tagged.tagId(), event.userId(), event.movieId(), added.text(), added.key())
                                    .update();
                        } else if (event instanceof MovieUntagged untagged) {
                            jdbc.sql(DELETE_TEXT)
                                    .params(untagged.tagId(), event.userId())
                                    .update();
                        }
                        long appended = events.append(event, null, null);
                        jdbc.sql(RECORD_PUBLICATION)
                                .params(appended, event.eventId())
                                .update();
                        return appended;
                    }));
        } catch (EventTable.StreamVersionTaken e) {
            throw new RatingEventStore.StreamVersionConflict(e.getMessage());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // another request put the same tag on first: the stream moved, so the next attempt sees it
            throw new RatingEventStore.StreamVersionConflict(String.valueOf(e.getMessage()));
        }
        MeterCatalogue.EVENTS_APPENDED.counter(event.type()).increment();
        return new StoredEvent(position == null ? 0 : position, event);
    }
}
