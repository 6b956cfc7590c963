package dev.movieratings.query.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The caller's diary, from the diary projection (entries) and the personal store (their notes). */
public interface DiaryQueries {

    /** One year of the person's viewings, newest first (day, then when logged), a keyset page at a time. */
    Page<DiaryEntryView> diaryOf(String userId, int year, int limit, @Nullable String cursor);

    /** The years in which the person logged a viewing, newest first (the diary page's year navigation). */
    List<Integer> yearsOf(String userId);

    /** One of the person's entries; empty when it is not theirs, never was, or was deleted. */
    Optional<DiaryEntryView> entry(String userId, UUID entryId);

    record DiaryEntryView(
            UUID entryId,
            long movieId,
            String title,
            String displayTitle,
            @Nullable Integer year,
            LocalDate watchedOn,
            boolean rewatch,
            @Nullable Double stars,
            @Nullable String note,
            Instant loggedAt,
            Instant updatedAt,
            int streamVersion) {}
}
