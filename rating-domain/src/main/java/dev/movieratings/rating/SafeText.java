package dev.movieratings.rating;

import java.text.Normalizer;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Text other people will read (reviews, later display names): normalised to NFC, and refused when it
 * holds a code point that can make it look other than it is, following Unicode TR #36 (security
 * considerations) and UTS #39 (security mechanisms): bidirectional controls (Trojan Source: U+200E/F,
 * U+061C, U+202A–E, U+2066–9) and every other format character (zero-width space, joiners and
 * non-joiners, word joiner, byte order mark, invisible operators, soft hyphen, the tag characters
 * U+E0000–E007F), the line and paragraph separators U+2028/9, control characters (line breaks and tabs
 * only where the text may have lines), lone surrogates, private-use and unassigned code points, and
 * runs of more than {@link #MAX_COMBINING_RUN} combining marks (text that spills over its neighbours).
 * Unassigned means unassigned in the JDK's Unicode version (Java 17: Unicode 13), so the newest emoji
 * are refused until the runtime knows them. Emoji sequences joined by U+200D are refused with the
 * joiner; their parts are not.
 */
public final class SafeText {

    public static final int MAX_COMBINING_RUN = 8;

    private SafeText() {}

    /** Why one code point is refused: it and a reason, both fit to show without showing the character. */
    public record Refusal(int codePoint, String reason) {
        /** e.g. "U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional control that can reorder how text reads". */
        public String describe() {
            String name = Character.isValidCodePoint(codePoint) ? Character.getName(codePoint) : null;
            return String.format("U+%04X", codePoint) + (name == null ? "" : " (" + name + ")") + ", " + reason;
        }
    }

    public static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The first code point of {@code text} that is refused; line breaks and tabs pass only when allowed. */
    public static Optional<Refusal> firstRefused(String text, boolean linesAllowed) {
        int combiningRun = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            combiningRun =
                    type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK ? combiningRun + 1 : 0;
            String reason = combiningRun > MAX_COMBINING_RUN
                    ? "a combining mark after " + MAX_COMBINING_RUN + " others, which piles up over nearby text"
                    : reason(codePoint, type, linesAllowed);
            if (reason != null) {
                return Optional.of(new Refusal(codePoint, reason));
            }
        }
        return Optional.empty();
    }

    private static @Nullable String reason(int codePoint, int type, boolean linesAllowed) {
        if (isBidiControl(codePoint)) {
            return "a bidirectional control that can reorder how text reads";
        }
        if (codePoint == 0x2028 || codePoint == 0x2029) {
            return "a line or paragraph separator that some screens break on and others do not";
        }
        return switch (type) {
            case Character.CONTROL ->
                linesAllowed && (codePoint == '\n' || codePoint == '\r' || codePoint == '\t')
                        ? null
                        : "a control character";
            case Character.FORMAT ->
                codePoint >= 0xE0000 && codePoint <= 0xE007F
                        ? "a tag character, invisible but carried along"
                        : "an invisible formatting character (zero-width and the like)";
            case Character.SURROGATE -> "half of a surrogate pair, not a character";
            case Character.PRIVATE_USE -> "a private-use code point whose look depends on the device";
            case Character.UNASSIGNED -> "a code point Unicode has not assigned (here)";
            default -> null;
        };
    }

    private static boolean isBidiControl(int codePoint) {
        return codePoint == 0x200E
                || codePoint == 0x200F
                || codePoint == 0x061C
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
