package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.profile.DisplayName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A person's own data as the command side holds it: their events, the personal store, their profile. */
public interface PersonalData {

    /** Every event of the person, in position order. */
    List<StoredEvent> eventsOf(String userId);

    /** The review texts the personal store keeps for the person. */
    List<ReviewCopy> reviewTextsOf(String userId);

    /** The tags the personal store keeps for the person (the ones on now), each with its text as written. */
    List<TagCopy> tagsOf(String userId);

    /** The diary notes the personal store keeps for the person. */
    List<DiaryNoteCopy> diaryNotesOf(String userId);

    Optional<Profile> profileOf(String userId);

    /** @throws DisplayNameTaken when another person's name has the same skeleton */
    Profile saveProfile(String userId, DisplayName name, Instant at);

    /**
     * In one transaction: appends the erasure's events with their publication records, and deletes the
     * person's review texts, diary notes, profile and user row.
     *
     * @throws RatingEventStore.StreamVersionConflict when a write to one of the streams got there first
     */
    List<StoredEvent> erase(String userId, List<RatingEvent> erasure);

    record Profile(String displayName, Instant updatedAt) {}

    record ReviewCopy(long movieId, int streamVersion, String text, UUID reviewId, Instant writtenAt) {}

    record TagCopy(UUID tagId, long movieId, String text) {}

    record DiaryNoteCopy(UUID entryId, String text) {}

    class DisplayNameTaken extends RuntimeException {
        public DisplayNameTaken() {
            super("that display name is taken, or looks too much like one that is (UTS #39 confusables)");
        }
    }
}
