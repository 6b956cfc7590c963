package dev.movieratings.command.application;

import java.util.UUID;

/** No entry of the caller's diary has this id: never logged by them, or (for an edit) deleted. */
public class DiaryEntryNotFound extends RuntimeException {
    public DiaryEntryNotFound(UUID entryId) {
        super("there is no diary entry " + entryId + " in your diary");
    }
}
