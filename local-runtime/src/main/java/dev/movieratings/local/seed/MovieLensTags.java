package dev.movieratings.local.seed;

import dev.movieratings.catalog.application.CatalogRow;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.rating.InvalidRating;
import dev.movieratings.rating.tag.TagText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * MovieLens {@code tags.csv} (issue 19) as tag events of user {@code ml-<userId>}: one MovieTagged per (user, film,
 * tag), the tag's text under the rules a person's tag is written with ({@link TagText}; a row that breaks them, or
 * repeats a tag of the same person on the same film in another case, is left out and counted), each (user, film)
 * tag stream numbered from 1 in the rows' time order. Ids are derived from (user, film, tag key), so an import run
 * again appends nothing new. The texts go to the personal store beside the events, as the command writes them.
 */
final class MovieLensTags {

    /** One tag to import: its event and the text the personal store keeps for it. */
    record Imported(MovieTagged event, TagText text) {}

    record Result(List<Imported> tags, int skipped) {}

    private MovieLensTags() {}

    /** @param rows tags.csv without its header: userId, movieId, tag, timestamp */
    static Result read(List<CatalogRow> rows) {
        record Row(String user, long movie, TagText tag, Instant at) {}
        List<Row> valid = new ArrayList<>();
        int skipped = 0;
        for (CatalogRow line : rows) {
            List<String> row = line.fields();
            try {
                valid.add(new Row(
                        "ml-" + row.get(0),
                        Long.parseLong(row.get(1)),
                        TagText.of(row.get(2)),
                        Instant.ofEpochSecond(Long.parseLong(row.get(3)))));
            } catch (InvalidRating | IndexOutOfBoundsException | NumberFormatException e) {
                skipped++;
            }
        }
        valid.sort(Comparator.comparing(Row::at)
                .thenComparing(Row::user)
                .thenComparingLong(Row::movie)
                .thenComparing(row -> row.tag().key()));
        Map<String, Integer> versions = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<Imported> tags = new ArrayList<>();
        for (Row row : valid) {
            String stream = row.user() + ":" + row.movie();
            if (!seen.add(stream + ":" + row.tag().key())) {
                skipped++;
                continue;
            }
            int version = versions.merge(stream, 1, Integer::sum);
            String name = "movielens:tag:" + stream + ":" + row.tag().key();
            tags.add(new Imported(
                    new MovieTagged(
                            UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)),
                            row.user(),
                            row.movie(),
                            version,
                            row.at(),
                            UUID.nameUUIDFromBytes(("id:" + name).getBytes(StandardCharsets.UTF_8))),
                    row.tag()));
        }
        return new Result(tags, skipped);
    }

    /** The personal store's rows, for COPY ... (format csv). */
    static String personalRows(List<Imported> tags) {
        StringBuilder rows = new StringBuilder();
        for (Imported tag : tags) {
            rows.append(tag.event().tagId())
                    .append(',')
                    .append(csv(tag.event().userId()))
                    .append(',')
                    .append(tag.event().movieId())
                    .append(',')
                    .append(csv(tag.text().text()))
                    .append(',')
                    .append(csv(tag.text().key()))
                    .append('\n');
        }
        return rows.toString();
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
