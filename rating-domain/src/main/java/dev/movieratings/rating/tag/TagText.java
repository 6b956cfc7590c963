package dev.movieratings.rating.tag;

import dev.movieratings.rating.InvalidRating;
import dev.movieratings.rating.SafeText;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A tag as a person writes it, with the rules of review text ({@link dev.movieratings.rating.ReviewText}): trimmed,
 * normalised to NFC, nothing that can deceive a reader ({@link SafeText}), and on one line (no line breaks or
 * tabs), at most {@link #MAX_LENGTH} characters. Its {@link #key()} is what makes two tags the same: the text
 * lower-cased (Unicode, locale-neutral) and normalised again, so "Dark Comedy" and "dark comedy" are one tag for
 * duplicates, counts and the {@code tag=} filter.
 */
public record TagText(String text, String key) {

    /** MovieLens's longest tag is 85 characters; a tag is a label, not a review. */
    public static final int MAX_LENGTH = 100;

    /** The field name the problem names, as for reviews. */
    public static final String FIELD = "tag";

    /** @throws InvalidRating when the text is blank, too long or holds a refused character */
    public static TagText of(@Nullable String raw) {
        String text = SafeText.normalise(raw == null ? "" : raw.strip());
        if (text.isEmpty()) {
            throw new InvalidRating(FIELD, "a tag must not be blank");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_LENGTH) {
            throw new InvalidRating(FIELD, "the tag is " + length + " characters; the limit is " + MAX_LENGTH);
        }
        SafeText.firstRefused(text, false).ifPresent(refusal -> {
            throw new InvalidRating(FIELD, "the tag contains " + refusal.describe());
        });
        return new TagText(text, keyOf(text));
    }

    /** The key of an already valid text (for the import and the filter, which validate first). */
    public static String keyOf(String text) {
        return SafeText.normalise(SafeText.normalise(text).toLowerCase(Locale.ROOT));
    }
}
