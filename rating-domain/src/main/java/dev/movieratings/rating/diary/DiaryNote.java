package dev.movieratings.rating.diary;

import dev.movieratings.rating.InvalidRating;
import dev.movieratings.rating.SafeText;
import org.jspecify.annotations.Nullable;

/**
 * A private note on a diary entry: the same rules as a review's text (trimmed, NFC, no deceiving code
 * points; lines kept), at most 2,000 characters. Only its owner reads it, but it is still text that is
 * shown, and the same refusals keep one rule for all text.
 */
public final class DiaryNote {

    public static final int MAX_LENGTH = 2_000;

    private DiaryNote() {}

    /** The note to keep, or null when the text is absent or blank (no note). */
    public static @Nullable String of(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String trimmed = SafeText.normalise(text.strip());
        if (trimmed.isEmpty()) {
            return null;
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > MAX_LENGTH) {
            throw new InvalidRating("note", "note is " + length + " characters; the limit is " + MAX_LENGTH);
        }
        SafeText.firstRefused(trimmed, true).ifPresent(refusal -> {
            throw new InvalidRating("note", "note contains " + refusal.describe());
        });
        return trimmed;
    }
}
