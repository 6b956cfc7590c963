package dev.movieratings.query.application;

import java.util.List;

/**
 * The read side of tags (issue 19): a film's top tags and a person's own tags on a film. Which tags are on comes
 * from the projection (user_tags); their text from the personal store, as a review's does, so a tag taken off or
 * erased is gone from every read at once.
 */
public interface TagQueries {

    /** A tag as shown: its most common spelling among the people who put it on, and how many did. */
    record TagCount(String tag, long count) {}

    /** The person's tags on the film, alphabetically by key, and the tag stream's projected version. */
    record MyTags(long movieId, List<String> tags, int projectedVersion) {}

    /** The film's most used tags, most people first, ties by key. */
    List<TagCount> topTags(long movieId, int limit);

    MyTags tagsOf(String userId, long movieId);
}
