package dev.movieratings.projection.application;

import dev.movieratings.eventstore.StoredEvent;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The event table, as the projector reads it. */
public interface StoredEvents {

    /** The stored events under these ids, in any order; an id the table does not hold is left out. */
    List<StoredEvent> byIds(Collection<UUID> eventIds);
}
