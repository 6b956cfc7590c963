package dev.movieratings.command.application;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a vote command did: whether the caller's vote now stands, and the event it appended (null fields when the
 * vote already said so and nothing was written); {@code streamVersion} is the voter's helpful stream's version.
 */
public record HelpfulChange(
        UUID reviewId,
        boolean helpful,
        @Nullable UUID eventId,
        @Nullable Long position,
        int streamVersion) {}
