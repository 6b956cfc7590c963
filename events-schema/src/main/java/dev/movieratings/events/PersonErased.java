package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The audit record of one erasure ({@code DELETE /api/me}): appended exactly once by every erasure, in the same
 * transaction as the events that close the person's streams (which carry the same {@code erasureId}), on the
 * person's own stream ({@link #PERSON_STREAM}), which belongs to no film. A person who never rated, listed,
 * tagged or voted still gets one, so an auditor can see that their erasure happened. No personal content: the
 * pseudonymous subject, ids and a count. The ops function deletes the identity provider's user when it sees one.
 *
 * @param erasureId the erasure, the same id as on every event it appended to the person's other streams
 * @param streams   how many events the erasure appended to the person's other streams (0 for a person with none)
 */
public record PersonErased(
        UUID eventId, String userId, int streamVersion, Instant occurredAt, UUID erasureId, int streams)
        implements RatingEvent {

    public static final String TYPE = "PersonErased";
    public static final int SCHEMA_VERSION = 1;

    /** The person-level stream: one per person, no film; the event table keeps its movie_id null (V122). */
    public static final String PERSON_STREAM = "person";

    /** Not a film: the person stream has none ({@link RatingEvent#NO_FILM}). */
    @Override
    public long movieId() {
        return NO_FILM;
    }

    @Override
    public String stream() {
        return PERSON_STREAM;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
