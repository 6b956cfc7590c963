package dev.movieratings.events;

import java.util.UUID;

/**
 * An event about one entry of a person's diary (a viewing of the movie). Diary events share the
 * (user, movie) stream with the rating events, so one optimistic version check covers a viewing and
 * the rating it sets, appended together; the rating projections skip them, the diary projection keeps
 * them. They carry no text: a diary note lives in the personal store (docs/security.md).
 */
public sealed interface DiaryEvent extends RatingEvent permits DiaryEntryLogged, DiaryEntryEdited, DiaryEntryDeleted {

    /** The entry this event is about; stays the same through edits and the deletion. */
    UUID entryId();
}
