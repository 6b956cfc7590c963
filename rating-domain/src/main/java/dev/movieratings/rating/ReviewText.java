package dev.movieratings.rating;

import dev.movieratings.events.Review;

/** Rules for review text: trimmed, at most 5,000 characters, no control characters but line breaks and tabs. */
public final class ReviewText {

    public static final int MAX_LENGTH = 5_000;

    private ReviewText() {}

    /** Returns the review to store, or null when the text is blank (no review). */
    public static Review of(String text, boolean spoiler) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > MAX_LENGTH) {
            throw new InvalidRating(
                    "review.text", "review text is " + length + " characters; the limit is " + MAX_LENGTH);
        }
        trimmed.codePoints().filter(ReviewText::isForbidden).findFirst().ifPresent(cp -> {
            throw new InvalidRating("review.text", String.format("review text contains control character U+%04X", cp));
        });
        return new Review(trimmed, spoiler);
    }

    /** Control characters, lone surrogates and bidirectional overrides (which can disguise text) are refused. */
    private static boolean isForbidden(int codePoint) {
        if (codePoint == '\n' || codePoint == '\r' || codePoint == '\t') {
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.SURROGATE
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
