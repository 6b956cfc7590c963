package dev.movieratings.command.application;

import java.util.UUID;

/**
 * The answer to an accepted command: the event it produced, that event's position, and its version in the writer's
 * own (user, movie) stream, which the writer compares with the projected version of that stream to see its write.
 */
public record Accepted(UUID eventId, long position, int streamVersion) {}
