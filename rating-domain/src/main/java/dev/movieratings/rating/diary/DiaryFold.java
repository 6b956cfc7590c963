package dev.movieratings.rating.diary;

import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Folds events into the diary in memory, with {@link DiaryProjection}'s rule: verify and the tests'
 * oracle fold every applied event; the live tables must hold exactly the entries left visible (an
 * erased stream's older entries are gone, not kept as tombstones).
 */
public final class DiaryFold {

    private final Map<UUID, DiaryEntry> entries = new HashMap<>();
    private final Map<String, Integer> erasures = new HashMap<>();

    public void apply(RatingEvent event) {
        if (event instanceof RatingErased erased) {
            erasures.merge(key(erased.userId(), erased.movieId()), erased.streamVersion(), Math::max);
        } else if (event instanceof DiaryEvent diary) {
            DiaryProjection.apply(entries.get(diary.entryId()), 0, diary)
                    .ifPresent(after -> entries.put(after.entryId(), after));
        }
    }

    /** The entry as the projection must hold it, or null when it must hold no row (never logged, or erased). */
    public @Nullable DiaryEntry entry(UUID entryId) {
        DiaryEntry entry = entries.get(entryId);
        return entry == null || entry.version() < erasedUpTo(entry.userId(), entry.movieId()) ? null : entry;
    }

    /** Every entry the projection must hold a row for (tombstones of deleted entries included). */
    public Collection<DiaryEntry> entries() {
        return entries.values().stream()
                .filter(entry -> entry.version() >= erasedUpTo(entry.userId(), entry.movieId()))
                .toList();
    }

    /** The version of the stream's latest erasure, 0 if none. */
    public int erasedUpTo(String userId, long movieId) {
        return erasures.getOrDefault(key(userId, movieId), 0);
    }

    public Map<String, Integer> erasures() {
        return erasures;
    }

    private static String key(String userId, long movieId) {
        return userId + "\u0000" + movieId;
    }
}
