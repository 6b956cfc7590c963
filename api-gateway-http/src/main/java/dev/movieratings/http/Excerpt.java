package dev.movieratings.http;

/**
 * What an error message may quote of the caller's input: at most {@link #MAX_LENGTH} characters, each
 * outside printable ASCII shown as '?', so no answer can grow with the input or carry controls, bidi
 * overrides or markup back to whoever reads it.
 */
public final class Excerpt {

    public static final int MAX_LENGTH = 32;

    private Excerpt() {}

    public static String of(String raw) {
        if (raw == null) {
            return "";
        }
        int end = Math.min(raw.length(), MAX_LENGTH);
        StringBuilder excerpt = new StringBuilder(end + 1);
        for (int i = 0; i < end; i++) {
            char c = raw.charAt(i);
            excerpt.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return raw.length() > MAX_LENGTH ? excerpt.append('…').toString() : excerpt.toString();
    }
}
