package dev.movieratings.query.http;

import dev.movieratings.http.BadRequest;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.Problem;
import dev.movieratings.query.application.TagQueries;
import dev.movieratings.rating.InvalidRating;
import dev.movieratings.rating.tag.TagText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tag reads (issue 19): {@code GET /api/me/tags?movie=<id>} (the caller's own tags on a film, with the tag stream's
 * projected version for read-your-writes), a film's top tags for its page, and the {@code tag=} filter's key.
 */
final class TagReads {

    /** How many of a film's tags its page shows. */
    static final int TOP_TAGS = 10;

    private final TagQueries tags;

    TagReads(TagQueries tags) {
        this.tags = tags;
    }

    Map<String, Object> mine(HttpRequest request, @Nullable Long movieId) {
        String userId = request.requireCaller().userId();
        if (movieId == null) {
            throw new BadRequest(Problem.invalidParameter("movie", "say which film: ?movie=<id>"));
        }
        TagQueries.MyTags mine = tags.tagsOf(userId, movieId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("movieId", mine.movieId());
        json.put("tags", mine.tags());
        json.put("projectedVersion", mine.projectedVersion());
        return json;
    }

    Object top(long movieId) {
        return tags.topTags(movieId, TOP_TAGS);
    }

    /** The filter's key: the tag under the rules a tag is written with, so only a tag that could exist is asked. */
    static @Nullable String filterKey(HttpRequest request) {
        String raw = request.queryParameter("tag").orElse(null);
        if (raw == null) {
            return null;
        }
        try {
            return TagText.of(raw).key();
        } catch (InvalidRating e) {
            throw new BadRequest(Problem.invalidParameter("tag", e.getMessage()));
        }
    }
}
