package dev.movieratings.rating.profile;

import dev.movieratings.rating.SafeText;
import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The name a person chooses to show with their reviews. Trimmed and NFC-normalised; 3 to 32 characters
 * of letters, combining marks, digits, single spaces and {@code - _ . '}; nothing {@link SafeText}
 * refuses; letters from one script, or Latin with the scripts Japanese, Chinese or Korean writing mixes
 * with it (UTS #39's "highly restrictive" level). The store keeps two keys unique, so a name is refused
 * when it can be mistaken for another's: {@link #skeleton()}, the UTS #39 skeleton ("AIice" with a capital
 * I is "Alice"), and {@link #foldedSkeleton()}, the skeleton with case ignored on both sides of it
 * ("ALICE" and "Alice"; "B0b" and "Bob", since the skeleton maps the digit 0 to a capital O).
 */
public record DisplayName(String value, String skeleton, String foldedSkeleton) {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;

    /** Shown for a reviewer who chose no name, so nobody may choose a name confusable with it. */
    public static final String NONE = "Anonymous";

    private static final String NONE_SKELETON = folded(NONE);
    private static final String PUNCTUATION = "-_.'";
    private static final Set<UnicodeScript> NEUTRAL = EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED);
    private static final Set<Set<UnicodeScript>> ALLOWED_MIXES = Set.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

    public static DisplayName of(String raw) {
        String name = SafeText.normalise(raw.strip());
        int length = name.codePointCount(0, name.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new InvalidDisplayName(
                    "a display name is " + MIN_LENGTH + " to " + MAX_LENGTH + " characters; this one has " + length);
        }
        SafeText.firstRefused(name, false).ifPresent(refusal -> {
            throw new InvalidDisplayName("a display name may not contain " + refusal.describe());
        });
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        int previous = ' ';
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            checkCharacter(c, previous);
            UnicodeScript script = UnicodeScript.of(c);
            if (!NEUTRAL.contains(script)) {
                scripts.add(script);
            }
            previous = c;
        }
        if (scripts.size() > 1 && ALLOWED_MIXES.stream().noneMatch(mix -> mix.containsAll(scripts))) {
            throw new InvalidDisplayName("a display name uses letters of one script (or Latin with Han, Kana or"
                    + " Hangul); this one mixes " + scripts);
        }
        String folded = folded(name);
        if (folded.equals(NONE_SKELETON)) {
            throw new InvalidDisplayName("'" + NONE + "' is what reviews without a display name show");
        }
        return new DisplayName(name, ConfusableSkeleton.of(name), folded);
    }

    private static void checkCharacter(int c, int previous) {
        int type = Character.getType(c);
        boolean mark = type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
        if (c == ' ') {
            if (previous == ' ') {
                throw new InvalidDisplayName("a display name has single spaces between words");
            }
        } else if (mark) {
            if (!Character.isLetter(previous) && !isMarkType(previous)) {
                throw new InvalidDisplayName(String.format("U+%04X, a combining mark, may only follow a letter", c));
            }
        } else if (!Character.isLetter(c) && type != Character.DECIMAL_DIGIT_NUMBER && PUNCTUATION.indexOf(c) < 0) {
            throw new InvalidDisplayName(String.format(
                    "a display name has letters, digits, spaces and %s only; U+%04X is none of them", PUNCTUATION, c));
        }
    }

    private static boolean isMarkType(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static String folded(String name) {
        return ConfusableSkeleton.of(name.toLowerCase(Locale.ROOT)).toLowerCase(Locale.ROOT);
    }
}
