package dev.movieratings.query.http;

import dev.movieratings.query.application.AverageVisibility;
import dev.movieratings.query.application.MovieSummary;
import dev.movieratings.query.application.Page;
import java.util.LinkedHashMap;
import java.util.Map;

/** Contract v1's shapes of a movie summary and of a page of answers. */
final class MovieJson {

    private MovieJson() {}

    static Map<String, Object> page(Page<?> page, AverageVisibility averageVisibility) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "items",
                page.items().stream()
                        .map(item -> item instanceof MovieSummary summary ? summary(summary, averageVisibility) : item)
                        .toList());
        json.put("nextCursor", page.nextCursor());
        return json;
    }

    /**
     * Contract v1's MovieSummary, plus whether the average is withheld for too few ratings and from how
     * many it shows.
     */
    static Map<String, Object> summary(MovieSummary summary, AverageVisibility averageVisibility) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", summary.id());
        json.put("title", summary.title());
        json.put("displayTitle", summary.displayTitle());
        json.put("year", summary.year());
        json.put("genres", summary.genres());
        json.put("ratingCount", summary.ratingCount());
        json.put("averageRating", summary.averageRating());
        // hidden with the average: from one or two ratings the weighted score lets the average be worked out
        json.put("weightedRating", summary.averageHidden() ? null : summary.weightedRating());
        json.put("averageHidden", summary.averageHidden());
        json.put("minimumRatingsForAverage", averageVisibility.minimumRatings());
        return json;
    }
}
