package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.command.application.TagEvents;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.tag.TagText;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tag commands' port: the tag stream's version from the event table, the tags on now from the personal store
 * (written and deleted with each event, so the two agree), and the append of event, publication record and text in
 * one transaction through {@link JdbcOwnStreamEvents}.
 */
class JdbcTagEvents implements TagEvents {

    private static final String TAGS = "select key, tag_id from personal.tags where user_id = ? and movie_id = ?";
    private static final String ADD_TEXT =
            "insert into personal.tags (tag_id, user_id, movie_id, text, key) values (?, ?, ?, ?, ?)";
    private static final String DELETE_TEXT = "delete from personal.tags where tag_id = ? and user_id = ?";

    private final JdbcClient jdbc;
    private final JdbcOwnStreamEvents stream;

    JdbcTagEvents(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.stream = new JdbcOwnStreamEvents(jdbc, transaction, RatingEvent.TAG_STREAM);
    }

    @Override
    public TagStream stream(String userId, long movieId) {
        return stream.read(() -> {
            int version = stream.version(userId, movieId);
            Map<String, UUID> tags = new HashMap<>();
            jdbc.sql(TAGS).params(userId, movieId).query(rs -> {
                tags.put(rs.getString("key"), rs.getObject("tag_id", UUID.class));
            });
            return new TagStream(version, tags);
        });
    }

    @Override
    public StoredEvent append(RatingEvent event, @Nullable TagText added) {
        try {
            return stream.append(event, () -> keepText(event, added));
        } catch (DuplicateKeyException e) {
            // another request put the same tag on first: the stream moved, so the next attempt sees it
            throw new RatingEventStore.StreamVersionConflict(String.valueOf(e.getMessage()));
        }
    }

    /** The text lives in the personal store, not the event: written with MovieTagged, deleted with MovieUntagged. */
    private void keepText(RatingEvent event, @Nullable TagText added) {
        if (event instanceof MovieTagged tagged && added != null) {
            jdbc.sql(ADD_TEXT)
                    .params(tagged.tagId(), event.userId(), event.movieId(), added.text(), added.key())
                    .update();
        } else if (event instanceof MovieUntagged untagged) {
            jdbc.sql(DELETE_TEXT).params(untagged.tagId(), event.userId()).update();
        }
    }
}
