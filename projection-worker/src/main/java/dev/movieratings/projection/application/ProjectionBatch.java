package dev.movieratings.projection.application;

import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.HelpfulVote;
import dev.movieratings.events.PersonErased;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.projection.application.ProjectionStore.Recorded;
import dev.movieratings.rating.helpful.HelpfulVotesFold;
import dev.movieratings.rating.projection.ProjectionFold;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of stored events to a set of projection tables, the same way for the live projector
 * and a rebuild's catch-up: each event once (duplicates stop at the store's record of applied events),
 * folded in position order over its stream's stored state with the domain's projection math, and
 * every change written in one go. Must run inside the caller's transaction.
 */
public final class ProjectionBatch {

    private static final Comparator<StoredEvent> BY_POSITION = Comparator.comparingLong(StoredEvent::position);

    private ProjectionBatch() {}

    private static boolean isWatchlist(StoredEvent stored) {
        return RatingEvent.WATCHLIST_STREAM.equals(stored.event().stream());
    }

    /** Locks the events' streams, then applies them. @return each distinct event's outcome, by event id */
    public static Map<UUID, ProjectionOutcome> apply(ProjectionStore store, Collection<StoredEvent> events) {
        store.lockStreams(events, List.of());
        return applyLocked(store, events);
    }

    /** With the events' streams locked. @return each distinct event's outcome, by event id */
    static Map<UUID, ProjectionOutcome> applyLocked(ProjectionStore store, Collection<StoredEvent> events) {
        Map<UUID, StoredEvent> distinct = new LinkedHashMap<>();
        events.stream()
                .sorted(BY_POSITION)
                .forEach(stored -> distinct.putIfAbsent(stored.event().eventId(), stored));
        Map<UUID, ProjectionOutcome> outcomes = new HashMap<>();
        if (distinct.isEmpty()) {
            return outcomes;
        }
        Recorded recorded = store.recordApplied(distinct.values());
        ProjectionFold fold = new ProjectionFold();
        recorded.streams().forEach(fold::resumeFrom);
        List<StoredEvent> watchlist = new ArrayList<>();
        List<StoredEvent> submitted = new ArrayList<>();
        List<StoredEvent> votes = new ArrayList<>();
        List<StoredEvent> reviewEnds = new ArrayList<>();
        List<RatingEvent> tags = new ArrayList<>();
        for (StoredEvent stored : distinct.values()) {
            UUID id = stored.event().eventId();
            if (!recorded.eventIds().contains(id)) {
                outcomes.put(id, ProjectionOutcome.DUPLICATE);
            } else if (stored.event() instanceof PersonErased) {
                // the erasure's audit record (issue 16): the events it appended beside it close the person's
                // streams, so no projection row changes; recorded as applied, so the watermark passes it
                outcomes.put(id, ProjectionOutcome.APPLIED);
            } else if (RatingEvent.TAG_STREAM.equals(stored.event().stream())) {
                tags.add(stored.event());
                outcomes.put(id, ProjectionOutcome.APPLIED); // the tag write keeps the newest version per tag
            } else if (isWatchlist(stored)) {
                watchlist.add(stored);
            } else if (stored.event() instanceof HelpfulVote) {
                votes.add(stored);
            } else if (stored.event() instanceof DiaryEvent) {
                outcomes.put(id, ProjectionOutcome.APPLIED); // the diary's write keeps the newest version per entry
            } else {
                outcomes.put(id, fold.apply(stored.event()) ? ProjectionOutcome.APPLIED : ProjectionOutcome.STALE);
                if (stored.event() instanceof RatingSubmitted) {
                    submitted.add(stored);
                }
                if (HelpfulVotesFold.endsReview(stored.event())) {
                    reviewEnds.add(stored);
                }
            }
        }
        store.writeChanges(fold);
        // the diary: its own events, and erasures, which hide a stream's older entries
        List<RatingEvent> diary = distinct.values().stream()
                .map(StoredEvent::event)
                .filter(event -> recorded.eventIds().contains(event.eventId()))
                .filter(event -> event instanceof DiaryEvent || event instanceof RatingErased)
                .toList();
        if (!diary.isEmpty()) {
            store.writeDiary(diary);
        }
        if (!fold.likesChanged().isEmpty()) {
            store.markSimilarityStale(fold.likesChanged());
        }
        // stale events too: the history replays every event in event time, not only the newest of a stream
        store.writeHistory(distinct.values().stream()
                .map(StoredEvent::event)
                .filter(event -> recorded.eventIds().contains(event.eventId()))
                .filter(event -> RatingEvent.RATING_STREAM.equals(event.stream()))
                .filter(event -> !(event instanceof DiaryEvent))
                .toList());
        // the watchlist (issue 20): its own events, and the ratings that take films off the list
        if (!watchlist.isEmpty() || !submitted.isEmpty()) {
            Set<UUID> moved = store.writeWatchlist(watchlist, submitted);
            watchlist.forEach(stored -> outcomes.put(
                    stored.event().eventId(),
                    moved.contains(stored.event().eventId()) ? ProjectionOutcome.APPLIED : ProjectionOutcome.STALE));
        }
        // helpful votes (issue 20): their own events, and the ends of reviews that end the votes cast on them
        if (!votes.isEmpty() || !reviewEnds.isEmpty()) {
            Set<UUID> moved = store.writeHelpful(votes, reviewEnds);
            votes.forEach(stored -> outcomes.put(
                    stored.event().eventId(),
                    moved.contains(stored.event().eventId()) ? ProjectionOutcome.APPLIED : ProjectionOutcome.STALE));
        }
        // tags (issue 19): their own stream, touched by nothing else
        if (!tags.isEmpty()) {
            store.writeTags(tags);
        }
        return outcomes;
    }
}
