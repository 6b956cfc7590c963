package dev.movieratings.eventstore;

import dev.movieratings.events.RatingEvent;

/** An event as the event table holds it: with the global position it was appended at. */
public record StoredEvent(long position, RatingEvent event) {}
