package dev.movieratings.catalog.application;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a catalog value must look like, shared by the import and the single-movie commands. Each check
 * throws {@link CatalogRefusal} with a message that names the bad value.
 */
public final class MovieRules {

    public static final int FIRST_YEAR = 1870;
    public static final int LAST_YEAR = 2100;
    static final int MAX_TITLE = 500;
    static final int MAX_GENRE = 50;
    static final String NO_GENRES = "(no genres listed)";

    private static final Pattern TITLE_WITH_YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:[-–]\\d{0,4})?\\)\\s*$");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,12}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private MovieRules() {}

    public static long id(@Nullable String raw) {
        if (raw == null) {
            throw new CatalogRefusal("movieId is required");
        }
        String value = raw.strip();
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new CatalogRefusal("movieId must be a positive whole number, not '" + raw + "'");
    }

    public static String title(@Nullable String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            throw new CatalogRefusal("the title must not be empty");
        }
        if (value.length() > MAX_TITLE) {
            throw new CatalogRefusal("the title is " + value.length() + " characters long; at most " + MAX_TITLE);
        }
        if (CONTROL.matcher(value).find()) {
            throw new CatalogRefusal("the title '" + value + "' contains a control character");
        }
        return value;
    }

    public static @Nullable Integer year(@Nullable Integer year) {
        if (year != null && (year < FIRST_YEAR || year > LAST_YEAR)) {
            throw new CatalogRefusal("the year must be between " + FIRST_YEAR + " and " + LAST_YEAR + ", not " + year);
        }
        return year;
    }

    /** Genre names, each non-blank, without the file's separators, at most once. */
    public static List<String> genres(List<String> raw) {
        List<String> genres = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : raw) {
            String genre = name.strip();
            if (genre.isEmpty()) {
                throw new CatalogRefusal("a genre must not be empty");
            }
            if (genre.length() > MAX_GENRE || genre.contains("|") || genre.contains(",")) {
                throw new CatalogRefusal(
                        "'" + genre + "' is not a genre name (at most " + MAX_GENRE + " characters, no '|' or ',')");
            }
            if (CONTROL.matcher(genre).find() || genre.equals(NO_GENRES)) {
                throw new CatalogRefusal("'" + genre + "' is not a genre name");
            }
            if (!seen.add(genre)) {
                throw new CatalogRefusal("the genre '" + genre + "' is listed twice");
            }
            genres.add(genre);
        }
        return List.copyOf(genres);
    }

    /** An external id (IMDb, TMDB): digits, kept as written; empty means none. */
    public static @Nullable String externalId(String name, @Nullable String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (!DIGITS.matcher(value).matches()) {
            throw new CatalogRefusal(name + " must be digits, not '" + raw + "'");
        }
        return value;
    }

    /** A MovieLens title, "Toy Story (1995)", split into the title and its year (none if it names none). */
    static CatalogMovie fromMovieLens(String id, String rawTitle, String rawGenres) {
        String stripped = rawTitle.strip();
        Matcher matcher = TITLE_WITH_YEAR.matcher(stripped);
        boolean withYear = matcher.matches();
        String title = title(withYear ? matcher.group(1) : stripped);
        Integer year = year(withYear ? Integer.valueOf(matcher.group(2)) : null);
        List<String> genres =
                rawGenres.strip().equals(NO_GENRES) ? List.of() : genres(List.of(rawGenres.split("\\|", -1)));
        return new CatalogMovie(id(id), title, year, genres, null, null);
    }
}
