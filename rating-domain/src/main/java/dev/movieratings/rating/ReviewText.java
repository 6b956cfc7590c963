package dev.movieratings.rating;

import dev.movieratings.events.Review;
import org.jspecify.annotations.Nullable;

/**
 * Rules for review text: trimmed, normalised to NFC, at most 5,000 characters, and nothing that can
 * deceive a reader ({@link SafeText}); line breaks and tabs are kept.
 */
public final class ReviewText {

    public static final int MAX_LENGTH = 5_000;

    private ReviewText() {}

    /** Returns the review to store, or null when the text is blank (no review). */
    public static @Nullable Review of(@Nullable String text, boolean spoiler) {
        if (text == null) {
            return null;
        }
        String trimmed = SafeText.normalise(text.strip());
        if (trimmed.isEmpty()) {
            return null;
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > MAX_LENGTH) {
            throw new InvalidRating(
                    "review.text", "review text is " + length + " characters; the limit is " + MAX_LENGTH);
        }
        SafeText.firstRefused(trimmed, true).ifPresent(refusal -> {
            throw new InvalidRating("review.text", "review text contains " + refusal.describe());
        });
        return new Review(trimmed, spoiler);
    }
}
