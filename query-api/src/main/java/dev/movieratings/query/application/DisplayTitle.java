package dev.movieratings.query.application;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A title as people write it. MovieLens moves a leading article behind the title so lists sort by the
 * first real word ("Godfather, The"), also inside an alternative title in parentheses ("Hate (Haine, La)");
 * this puts it back ("The Godfather", "Hate (La Haine)"). The article list is the one title search uses
 * (migration V10), so a title shown is a title found.
 */
public final class DisplayTitle {

    private static final String ARTICLES =
            "The|A|An|Les|La|Le|L'|Il|El|Los|Las|Lo|Das|Der|Die|Den|Det|De|Het|Een|Un|Une|Uno|Una|O|Os|As|I|Gli";

    /** "Haine, La" inside its parentheses, with nothing nested. */
    private static final Pattern IN_PARENTHESES =
            Pattern.compile("\\(([^()]*?), (" + ARTICLES + ")\\)", Pattern.CASE_INSENSITIVE);

    /** "Godfather, The" before any parenthesised alternative title. */
    private static final Pattern LEADING =
            Pattern.compile("^([^(]*?), (" + ARTICLES + ")(\\s*\\(.*\\))?$", Pattern.CASE_INSENSITIVE);

    private DisplayTitle() {}

    public static String of(String title) {
        Matcher inner = IN_PARENTHESES.matcher(title);
        StringBuilder restored = new StringBuilder();
        while (inner.find()) {
            inner.appendReplacement(
                    restored, Matcher.quoteReplacement("(" + joined(inner.group(2), inner.group(1)) + ")"));
        }
        inner.appendTail(restored);
        Matcher leading = LEADING.matcher(restored);
        if (!leading.matches()) {
            return restored.toString();
        }
        String rest = leading.group(3) == null ? "" : leading.group(3);
        return joined(leading.group(2), leading.group(1)) + rest;
    }

    /** "L'" takes no space after it ("L'Auberge espagnole"); every other article does. */
    private static String joined(String article, String words) {
        return article.endsWith("'") ? article + words : article + " " + words;
    }
}
