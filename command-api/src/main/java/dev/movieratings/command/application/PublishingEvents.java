package dev.movieratings.command.application;

import dev.movieratings.eventstore.StoredEvent;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Publishes committed events right after their command commits, and relays whatever is still
 * unpublished later. A failure here never fails the command: the outbox keeps the event.
 */
public final class PublishingEvents {

    private static final System.Logger LOG = System.getLogger(PublishingEvents.class.getName());

    private final EventPublisher publisher;
    private final Outbox outbox;

    public PublishingEvents(EventPublisher publisher, Outbox outbox) {
        this.publisher = publisher;
        this.outbox = outbox;
    }

    public void publishCommitted(StoredEvent event) {
        try {
            Set<UUID> published = publisher.publish(List.of(event));
            if (!published.isEmpty()) {
                outbox.markPublished(published);
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "event {0} stays in the outbox for the relay: {1}",
                    event.event().eventId(),
                    e.toString());
        }
    }
}
