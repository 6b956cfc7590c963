package dev.movieratings.command.application;

import dev.movieratings.command.application.PersonalData.Profile;
import dev.movieratings.command.application.PersonalData.ReviewCopy;
import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.HelpfulVote;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.RatingDecisions;
import dev.movieratings.rating.RatingStream;
import dev.movieratings.rating.diary.DiaryDecisions;
import dev.movieratings.rating.diary.DiaryEntry;
import dev.movieratings.rating.helpful.HelpfulDecisions;
import dev.movieratings.rating.helpful.HelpfulStream;
import dev.movieratings.rating.profile.DisplayName;
import dev.movieratings.rating.watchlist.WatchlistDecisions;
import dev.movieratings.rating.watchlist.WatchlistStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A person's rights over their own data: choosing the name shown with their reviews, a copy of
 * everything held about them, and erasure. Erasure never changes an event: it appends a RatingErased to
 * every stream the person has not erased yet (the ratings leave the scores, as after a retraction), a
 * MovieUnwatchlisted with the erasure's id to every watchlist stream still listing a film (the list leaves the
 * read side), a MovieUntagged with the erasure's id to every tag stream, and deletes the personal store's rows
 * (review texts, profile, diary notes, tags), all in one transaction.
 */
public final class ManagingPersonalData {

    private static final int MAX_ATTEMPTS = 5;

    private final PersonalData data;
    private final PublishingEvents publishing;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public ManagingPersonalData(PersonalData data, PublishingEvents publishing, Clock clock, Supplier<UUID> ids) {
        this.data = data;
        this.publishing = publishing;
        this.clock = clock;
        this.ids = ids;
    }

    public Profile setDisplayName(String userId, String name) {
        return data.saveProfile(userId, DisplayName.of(name), now());
    }

    public Optional<Profile> profile(String userId) {
        return data.profileOf(userId);
    }

    /** What an erasure appended: its id, how many streams it closed, the position of its last event. */
    public record Erasure(UUID erasureId, int streams, long position) {}

    public Erasure erase(String userId) {
        UUID erasureId = ids.get();
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            List<RatingEvent> events = new ArrayList<>();
            List<StoredEvent> history = data.eventsOf(userId);
            // every rating stream, a diary-only one too: the erasure hides its entries from the diary's projection
            for (List<RatingEvent> stream :
                    streams(history, RatingEvent.RATING_STREAM).values()) {
                RatingEvent last = stream.get(stream.size() - 1);
                if (!(last instanceof RatingErased)) {
                    RatingStream rating = RatingStream.of(userId, last.movieId(), stream);
                    events.add(RatingDecisions.erase(rating, ids.get(), erasureId, now));
                }
            }
            for (List<RatingEvent> watchlist :
                    streams(history, RatingEvent.WATCHLIST_STREAM).values()) {
                RatingEvent last = watchlist.get(watchlist.size() - 1);
                WatchlistStream stream = new WatchlistStream(
                        userId, last.movieId(), last.streamVersion(), last instanceof MovieWatchlisted, false);
                WatchlistDecisions.erase(stream, ids.get(), erasureId, now).ifPresent(events::add);
            }
            // the person's helpful votes (issue 20): every vote that stands is taken back, so it leaves the counts
            for (List<RatingEvent> helpful :
                    streams(history, RatingEvent.HELPFUL_STREAM).values()) {
                HelpfulStream stream = HelpfulStream.of(userId, helpful.get(0).movieId(), helpful);
                events.addAll(HelpfulDecisions.erase(stream, ids, erasureId, now));
            }
            // tags (issue 19): every tag stream not closed by an erasure yet; the texts go with the personal store
            for (List<RatingEvent> tags :
                    streams(history, RatingEvent.TAG_STREAM).values()) {
                RatingEvent last = tags.get(tags.size() - 1);
                if (!(last instanceof MovieUntagged untagged && untagged.erasureId() != null)) {
                    events.add(new MovieUntagged(
                            ids.get(), userId, last.movieId(), last.streamVersion() + 1, now, null, erasureId));
                }
            }
            try {
                List<StoredEvent> stored = data.erase(userId, events);
                stored.forEach(publishing::publishCommitted);
                long position =
                        stored.stream().mapToLong(StoredEvent::position).max().orElse(0);
                return new Erasure(erasureId, stored.size(), position);
            } catch (RatingEventStore.StreamVersionConflict e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Everything held about the person: profile, current ratings with their review, diary, the tags on now with
     * their text as written, the films on their watchlist, the helpful votes that stand, and every event.
     */
    public record Export(
            String userId,
            Instant exportedAt,
            @Nullable Profile profile,
            List<CurrentRating> ratings,
            List<Event> events,
            List<DiaryEntryCopy> diary,
            List<TagCopy> tags,
            List<WatchlistItem> watchlist,
            List<HelpfulVoteCopy> helpfulVotes) {}

    /** A tag on a film, as the person wrote it, and when they put it there. */
    public record TagCopy(
            long movieId, UUID tagId, String text, @Nullable Instant taggedAt) {}

    /**
     * A film the person's latest watchlist event listed (the read side also drops a film once rated: a rule of the
     * projection, not of what the person did).
     */
    public record WatchlistItem(long movieId, Instant listedAt) {}

    /** A vote that stands: the review's id and film, never its author (another person's id). */
    public record HelpfulVoteCopy(long movieId, UUID reviewId, Instant votedAt) {}

    /** A diary entry as the person's diary shows it, with its private note. */
    public record DiaryEntryCopy(
            UUID entryId,
            long movieId,
            LocalDate watchedOn,
            boolean rewatch,
            @Nullable Double stars,
            @Nullable Instant loggedAt,
            Instant updatedAt,
            @Nullable String note) {}

    public record CurrentRating(
            long movieId,
            double stars,
            Instant ratedSince,
            Instant updatedAt,
            int streamVersion,
            @Nullable Review review) {}

    public record Review(String text, boolean spoiler, UUID reviewId, Instant writtenAt) {}

    /** One event as the person's history: what they did, when, and the stars and review flag it carried. */
    public record Event(
            long position,
            String type,
            long movieId,
            int streamVersion,
            Instant occurredAt,
            @Nullable Double stars,
            @Nullable Double previousStars,
            @Nullable Boolean reviewSpoiler,
            @Nullable UUID tagId,
            @Nullable UUID reviewId) {}

    public Export export(String userId) {
        List<StoredEvent> events = data.eventsOf(userId);
        Map<Long, ReviewCopy> texts = new LinkedHashMap<>();
        data.reviewTextsOf(userId).forEach(copy -> texts.put(copy.movieId(), copy));
        List<CurrentRating> ratings = new ArrayList<>();
        Map<Long, List<RatingEvent>> streams = streams(events, RatingEvent.RATING_STREAM);
        for (List<RatingEvent> stream : streams.values()) {
            RatingEvent last = lastRatingEvent(stream);
            if (last instanceof RatingSubmitted submitted) {
                ReviewCopy text = texts.get(submitted.movieId());
                dev.movieratings.events.Review review = submitted.review();
                ratings.add(new CurrentRating(
                        submitted.movieId(),
                        submitted.stars(),
                        submitted.ratedSince(),
                        submitted.occurredAt(),
                        submitted.streamVersion(),
                        review == null || text == null || text.streamVersion() != submitted.streamVersion()
                                ? null
                                : new Review(text.text(), review.spoiler(), text.reviewId(), text.writtenAt())));
            }
        }
        return new Export(
                userId,
                now(),
                data.profileOf(userId).orElse(null),
                ratings,
                events.stream().map(ManagingPersonalData::historyEntry).toList(),
                diary(userId, streams),
                tags(userId, events),
                watchlist(events),
                helpfulVotes(userId, events));
    }

    /** The personal store's tags (the ones on now; a removed tag's text is gone), each with its tagging's time. */
    private List<TagCopy> tags(String userId, List<StoredEvent> events) {
        Map<UUID, Instant> taggedAt = new HashMap<>();
        for (StoredEvent stored : events) {
            if (stored.event() instanceof MovieTagged tagged) {
                taggedAt.put(tagged.tagId(), tagged.occurredAt());
            }
        }
        return data.tagsOf(userId).stream()
                .map(tag -> new TagCopy(tag.movieId(), tag.tagId(), tag.text(), taggedAt.get(tag.tagId())))
                .toList();
    }

    private static List<WatchlistItem> watchlist(List<StoredEvent> events) {
        List<WatchlistItem> items = new ArrayList<>();
        for (List<RatingEvent> stream :
                streams(events, RatingEvent.WATCHLIST_STREAM).values()) {
            if (stream.get(stream.size() - 1) instanceof MovieWatchlisted listed) {
                items.add(new WatchlistItem(listed.movieId(), listed.occurredAt()));
            }
        }
        return items;
    }

    private static List<HelpfulVoteCopy> helpfulVotes(String userId, List<StoredEvent> events) {
        List<HelpfulVoteCopy> votes = new ArrayList<>();
        for (List<RatingEvent> helpful :
                streams(events, RatingEvent.HELPFUL_STREAM).values()) {
            HelpfulStream stream = HelpfulStream.of(userId, helpful.get(0).movieId(), helpful);
            stream.standing()
                    .forEach(
                            vote -> votes.add(new HelpfulVoteCopy(vote.movieId(), vote.reviewId(), vote.occurredAt())));
        }
        return votes;
    }

    private List<DiaryEntryCopy> diary(String userId, Map<Long, List<RatingEvent>> streams) {
        Map<UUID, String> notes = new HashMap<>();
        data.diaryNotesOf(userId).forEach(note -> notes.put(note.entryId(), note.text()));
        List<DiaryEntryCopy> diary = new ArrayList<>();
        for (List<RatingEvent> stream : streams.values()) {
            for (DiaryEntry entry : DiaryDecisions.liveEntries(stream)) {
                diary.add(new DiaryEntryCopy(
                        entry.entryId(),
                        entry.movieId(),
                        Objects.requireNonNull(entry.watchedOn()),
                        entry.rewatch(),
                        entry.stars(),
                        entry.loggedAt(),
                        entry.updatedAt(),
                        notes.get(entry.entryId())));
            }
        }
        diary.sort(Comparator.comparing(DiaryEntryCopy::watchedOn).reversed());
        return diary;
    }

    private static Event historyEntry(StoredEvent stored) {
        RatingEvent event = stored.event();
        @Nullable Double stars = event instanceof RatingSubmitted submitted ? submitted.stars() : null;
        @Nullable Double previous;
        if (event instanceof DiaryEntryLogged logged) {
            stars = logged.stars();
            previous = null;
        } else if (event instanceof DiaryEntryEdited edited) {
            stars = edited.stars();
            previous = null;
        } else if (event instanceof DiaryEntryDeleted) {
            previous = null;
        } else if (event instanceof RatingSubmitted submitted) {
            previous = submitted.previousStars();
        } else if (event instanceof RatingRetracted retracted) {
            previous = retracted.previousStars();
        } else if (event instanceof RatingErased erased) {
            previous = erased.previousStars();
        } else {
            previous = null; // a watchlist event carries no stars
        }
        dev.movieratings.events.Review review = event instanceof RatingSubmitted submitted ? submitted.review() : null;
        Boolean spoiler = review == null ? null : review.spoiler();
        return new Event(
                stored.position(),
                event.type(),
                event.movieId(),
                event.streamVersion(),
                event.occurredAt(),
                stars,
                previous,
                spoiler,
                event instanceof MovieTagged tagged
                        ? tagged.tagId()
                        : event instanceof MovieUntagged untagged ? untagged.tagId() : null,
                event instanceof HelpfulVote vote ? vote.reviewId() : null);
    }

    /** Each of the person's streams of one kind (rating or watchlist): its events in version order, by movie. */
    private static Map<Long, List<RatingEvent>> streams(List<StoredEvent> events, String kind) {
        Map<Long, List<RatingEvent>> streams = new LinkedHashMap<>();
        for (StoredEvent stored : events) {
            if (kind.equals(stored.event().stream())) {
                streams.computeIfAbsent(stored.event().movieId(), movie -> new ArrayList<>())
                        .add(stored.event());
            }
        }
        streams.values().forEach(stream -> stream.sort(Comparator.comparingInt(RatingEvent::streamVersion)));
        return streams;
    }

    /** The stream's latest rating event (diary events share the stream), or null. */
    private static @Nullable RatingEvent lastRatingEvent(List<RatingEvent> stream) {
        RatingEvent last = null;
        for (RatingEvent event : stream) {
            if (!(event instanceof DiaryEvent)) {
                last = event;
            }
        }
        return last;
    }

    /** Microseconds, as PostgreSQL keeps them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
