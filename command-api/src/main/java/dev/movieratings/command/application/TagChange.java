package dev.movieratings.command.application;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a tag command: the tag (as stored), whether it is on the film now, and the event appended, or nulls
 * when the person's tags already said so (idempotent). {@code streamVersion} is the tag stream's version after the
 * command, which the caller compares with {@code projectedVersion} of {@code GET /api/me/tags?movie=}.
 */
public record TagChange(
        long movieId,
        String tag,
        boolean tagged,
        @Nullable UUID eventId,
        @Nullable Long position,
        int streamVersion) {}
