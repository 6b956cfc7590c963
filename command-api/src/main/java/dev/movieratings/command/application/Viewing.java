package dev.movieratings.command.application;

import dev.movieratings.events.Review;
import dev.movieratings.rating.Stars;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A viewing as the caller describes it, already checked against the diary's and the rating's rules.
 * With stars it also sets the current rating; the review, public, goes with that rating (so it needs
 * stars); the note is private to the diary.
 */
public record Viewing(
        LocalDate watchedOn,
        boolean rewatch,
        @Nullable Stars stars,
        @Nullable Review review,
        @Nullable String note) {

    String fingerprint(String action, Object target) {
        String text = review == null ? null : review.text();
        return Fingerprints.of(
                action,
                target,
                watchedOn,
                rewatch,
                stars == null ? "" : stars.decimal().toPlainString(),
                text == null ? "" : text,
                review != null && review.spoiler(),
                note == null ? "" : note);
    }
}
