package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;

/** An event as the event store holds it: with the global position it was given. */
public record StoredEvent(long position, RatingEvent event) {}
