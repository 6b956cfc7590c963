package dev.movieratings.command.application;

import dev.movieratings.command.application.PersonalData.ReviewCopy;
import dev.movieratings.command.application.PersonalDataExport.CurrentRating;
import dev.movieratings.command.application.PersonalDataExport.DiaryEntryCopy;
import dev.movieratings.command.application.PersonalDataExport.Event;
import dev.movieratings.command.application.PersonalDataExport.HelpfulVoteCopy;
import dev.movieratings.command.application.PersonalDataExport.TagCopy;
import dev.movieratings.command.application.PersonalDataExport.WatchlistItem;
import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.HelpfulVote;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.PersonErased;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.diary.DiaryDecisions;
import dev.movieratings.rating.diary.DiaryEntry;
import dev.movieratings.rating.helpful.HelpfulStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person's right to a copy of everything held about them (the answer's shape: {@link PersonalDataExport}). */
public final class ExportingPersonalData {

    private final PersonalData data;
    private final Clock clock;

    public ExportingPersonalData(PersonalData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    public PersonalDataExport export(String userId) {
        List<StoredEvent> events = data.eventsOf(userId);
        Map<Long, ReviewCopy> texts = new LinkedHashMap<>();
        data.reviewTextsOf(userId).forEach(copy -> texts.put(copy.movieId(), copy));
        List<CurrentRating> ratings = new ArrayList<>();
        Map<Long, List<RatingEvent>> streams = PersonStreams.of(events, RatingEvent.RATING_STREAM);
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
                                : new PersonalDataExport.Review(
                                        text.text(), review.spoiler(), text.reviewId(), text.writtenAt())));
            }
        }
        return new PersonalDataExport(
                userId,
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                data.profileOf(userId).orElse(null),
                ratings,
                events.stream().map(ExportingPersonalData::historyEntry).toList(),
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
                PersonStreams.of(events, RatingEvent.WATCHLIST_STREAM).values()) {
            if (stream.get(stream.size() - 1) instanceof MovieWatchlisted listed) {
                items.add(new WatchlistItem(listed.movieId(), listed.occurredAt()));
            }
        }
        return items;
    }

    private static List<HelpfulVoteCopy> helpfulVotes(String userId, List<StoredEvent> events) {
        List<HelpfulVoteCopy> votes = new ArrayList<>();
        for (List<RatingEvent> helpful :
                PersonStreams.of(events, RatingEvent.HELPFUL_STREAM).values()) {
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
                event instanceof PersonErased ? null : event.movieId(), // the person stream has no film
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
}
