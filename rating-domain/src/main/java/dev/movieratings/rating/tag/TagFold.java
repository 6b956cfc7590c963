package dev.movieratings.rating.tag;

import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.RatingEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Folds tag events in memory, in any order, into the two projection tables' rows: per tag (the highest version of
 * its own events wins; it is on while that event tagged and no erasure of its stream is newer) and per stream (the
 * highest version applied and the newest erasure's version). Duplicates and reordering end in one state. Verify and
 * the tests fold with it; the projector and the rebuild apply the same rule in SQL.
 */
public final class TagFold {

    /** One tag of one person on one film: its newest own event's version and whether it is on (tagged). */
    public record TagRow(String userId, long movieId, UUID tagId, int version, boolean tagged) {}

    /** One tag stream: the highest version applied and the newest erasure's version (0 for none). */
    public record StreamRow(String userId, long movieId, int version, int erasedVersion) {}

    private record Own(int version, boolean tagged) {}

    private final Map<String, Map<UUID, Own>> tags = new HashMap<>();
    private final Map<String, StreamRow> streams = new HashMap<>();

    /** Applies one event; those of other streams change nothing. */
    public void apply(RatingEvent event) {
        if (!RatingEvent.TAG_STREAM.equals(event.stream())) {
            return;
        }
        String key = event.userId() + "\u0000" + event.movieId();
        StreamRow stream = streams.getOrDefault(key, new StreamRow(event.userId(), event.movieId(), 0, 0));
        boolean erasure = event instanceof MovieUntagged untagged && untagged.erasureId() != null;
        streams.put(
                key,
                new StreamRow(
                        event.userId(),
                        event.movieId(),
                        Math.max(stream.version(), event.streamVersion()),
                        erasure ? Math.max(stream.erasedVersion(), event.streamVersion()) : stream.erasedVersion()));
        @Nullable
        UUID tagId = event instanceof MovieTagged tagged
                ? tagged.tagId()
                : event instanceof MovieUntagged untagged ? untagged.tagId() : null;
        if (tagId != null) {
            tags.computeIfAbsent(key, k -> new HashMap<>())
                    .merge(
                            tagId,
                            new Own(event.streamVersion(), event instanceof MovieTagged),
                            (old, now) -> now.version() > old.version() ? now : old);
        }
    }

    public List<TagRow> tags() {
        List<TagRow> rows = new ArrayList<>();
        tags.forEach((key, byId) -> {
            StreamRow stream = java.util.Objects.requireNonNull(streams.get(key), "a tag's stream is folded");
            byId.forEach((tagId, own) -> rows.add(new TagRow(
                    stream.userId(),
                    stream.movieId(),
                    tagId,
                    own.version(),
                    own.tagged() && own.version() > stream.erasedVersion())));
        });
        rows.sort(Comparator.comparing(TagRow::userId)
                .thenComparingLong(TagRow::movieId)
                .thenComparing(TagRow::tagId));
        return rows;
    }

    public List<StreamRow> streams() {
        return streams.values().stream()
                .sorted(Comparator.comparing(StreamRow::userId).thenComparingLong(StreamRow::movieId))
                .toList();
    }
}
