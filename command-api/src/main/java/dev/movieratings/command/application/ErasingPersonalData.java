package dev.movieratings.command.application;

import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.RatingDecisions;
import dev.movieratings.rating.RatingStream;
import dev.movieratings.rating.helpful.HelpfulDecisions;
import dev.movieratings.rating.helpful.HelpfulStream;
import dev.movieratings.rating.watchlist.WatchlistDecisions;
import dev.movieratings.rating.watchlist.WatchlistStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A person's right to erasure. Erasure never changes an event: it appends a RatingErased to every stream the
 * person has not erased yet (the ratings leave the scores, as after a retraction), a MovieUnwatchlisted with the
 * erasure's id to every watchlist stream still listing a film (the list leaves the read side), a MovieUntagged
 * with the erasure's id to every tag stream, and deletes the personal store's rows (review texts, profile, diary
 * notes, tags), all in one transaction.
 */
public final class ErasingPersonalData {

    private static final int MAX_ATTEMPTS = 5;

    private final PersonalData data;
    private final PublishingEvents publishing;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public ErasingPersonalData(PersonalData data, PublishingEvents publishing, Clock clock, Supplier<UUID> ids) {
        this.data = data;
        this.publishing = publishing;
        this.clock = clock;
        this.ids = ids;
    }

    /** What an erasure appended: its id, how many streams it closed, the position of its last event. */
    public record Erasure(UUID erasureId, int streams, long position) {}

    public Erasure erase(String userId) {
        UUID erasureId = ids.get();
        for (int attempt = 1; ; attempt++) {
            // microseconds, as PostgreSQL keeps them
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<RatingEvent> events = new ArrayList<>();
            List<StoredEvent> history = data.eventsOf(userId);
            // every rating stream, a diary-only one too: the erasure hides its entries from the diary's projection
            for (List<RatingEvent> stream :
                    PersonStreams.of(history, RatingEvent.RATING_STREAM).values()) {
                RatingEvent last = stream.get(stream.size() - 1);
                if (!(last instanceof RatingErased)) {
                    RatingStream rating = RatingStream.of(userId, last.movieId(), stream);
                    events.add(RatingDecisions.erase(rating, ids.get(), erasureId, now));
                }
            }
            for (List<RatingEvent> watchlist :
                    PersonStreams.of(history, RatingEvent.WATCHLIST_STREAM).values()) {
                RatingEvent last = watchlist.get(watchlist.size() - 1);
                WatchlistStream stream = new WatchlistStream(
                        userId, last.movieId(), last.streamVersion(), last instanceof MovieWatchlisted, false);
                WatchlistDecisions.erase(stream, ids.get(), erasureId, now).ifPresent(events::add);
            }
            // the person's helpful votes (issue 20): every vote that stands is taken back, so it leaves the counts
            for (List<RatingEvent> helpful :
                    PersonStreams.of(history, RatingEvent.HELPFUL_STREAM).values()) {
                HelpfulStream stream = HelpfulStream.of(userId, helpful.get(0).movieId(), helpful);
                events.addAll(HelpfulDecisions.erase(stream, ids, erasureId, now));
            }
            // tags (issue 19): every tag stream not closed by an erasure yet; the texts go with the personal store
            for (List<RatingEvent> tags :
                    PersonStreams.of(history, RatingEvent.TAG_STREAM).values()) {
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
}
