package dev.movieratings.command.application;

import java.util.UUID;

/** The answer to an accepted command: the event it produced and that event's position. */
public record Accepted(UUID eventId, long position) {}
