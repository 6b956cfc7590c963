package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A person put a film on their watchlist. It belongs to the person's watchlist stream for the film, whose
 * versions are its own (not the rating stream's): the highest version of that stream says whether the film
 * is listed. It carries no personal content, only ids and when; a rating submitted after it (by position)
 * takes the film off the list again, a projection rule (docs/architecture.md, "Watchlist").
 */
public record MovieWatchlisted(UUID eventId, String userId, long movieId, int streamVersion, Instant occurredAt)
        implements RatingEvent {

    public static final String TYPE = "MovieWatchlisted";
    public static final int SCHEMA_VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public String stream() {
        return WATCHLIST_STREAM;
    }
}
