package dev.movieratings.events;

import org.jspecify.annotations.Nullable;

/**
 * A review's text, already trimmed and validated, and whether it reveals the plot. The text never
 * goes into an event's JSON (from RatingSubmitted schema version 2 on): the command keeps it in the
 * deletable personal store under the event's stream key, so {@code text} is null on an event read
 * back from JSON, and erasing a person never has to change an event.
 */
public record Review(@Nullable String text, boolean spoiler) {

    /** The review as an event carries it on the wire: whether there is one and the spoiler flag. */
    public Review withoutText() {
        return text == null ? this : new Review(null, spoiler);
    }
}
