package dev.movieratings.projection.infrastructure;

import dev.movieratings.events.RatingEvent;

/** An event as the event store holds it, with the position it was appended at. */
record StoredEvent(long position, RatingEvent event) {}
