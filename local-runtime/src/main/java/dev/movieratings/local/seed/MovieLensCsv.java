package dev.movieratings.local.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the MovieLens CSV files: RFC 4180 quoting, a header line, UTF-8. */
final class MovieLensCsv {

    private static final Pattern TITLE_WITH_YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:[-–]\\d{0,4})?\\)\\s*$");

    private MovieLensCsv() {}

    record Movie(long id, String title, Integer year, List<String> genres) {}

    static void read(InputStream in, Consumer<List<String>> row) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    row.accept(fields(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** "Toy Story (1995)" becomes title "Toy Story", year 1995; "(no genres listed)" becomes no genres. */
    static Movie movie(List<String> row) {
        String rawTitle = row.get(1).strip();
        Matcher matcher = TITLE_WITH_YEAR.matcher(rawTitle);
        String title = matcher.matches() ? matcher.group(1) : rawTitle;
        Integer year = matcher.matches() ? Integer.valueOf(matcher.group(2)) : null;
        List<String> genres = row.get(2).equals("(no genres listed)")
                ? List.of()
                : List.of(row.get(2).split("\\|"));
        return new Movie(Long.parseLong(row.get(0)), title, year, genres);
    }
}
