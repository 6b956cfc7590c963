package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.tag.TagText;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The event table and the personal store's tags, as the tag commands use them (issue 19). */
public interface TagEvents {

    /** A person's tag stream for a film: its latest version (0 for none) and the tags on now, by key. */
    record TagStream(int version, Map<String, UUID> tagsByKey) {}

    TagStream stream(String userId, long movieId);

    /**
     * Appends the event and its publication record, and writes the tag's text ({@code added}, for a MovieTagged) or
     * deletes it (for a MovieUntagged), in one transaction.
     *
     * @throws RatingEventStore.StreamVersionConflict when another writer appended to the stream first
     */
    StoredEvent append(RatingEvent event, @Nullable TagText added);
}
