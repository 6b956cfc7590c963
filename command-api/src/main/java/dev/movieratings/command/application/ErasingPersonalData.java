package dev.movieratings.command.application;

import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.PersonErased;
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
 * notes, tags), all in one transaction. Every erasure also appends one {@link PersonErased} to the person's own
 * stream, the audit record that it happened, even for a person with no other stream; erasing again with nothing
 * new to erase appends nothing (the person's newest event is already a PersonErased, no stream is open and no
 * profile was chosen since).
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

    /**
     * What an erasure appended: its id, how many events it appended to the person's other streams, the position of
     * its PersonErased (an erasure with nothing new to erase: the id and position of the one before).
     */
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
            StoredEvent newest = history.isEmpty() ? null : history.get(history.size() - 1);
            if (events.isEmpty()
                    && newest != null
                    && newest.event() instanceof PersonErased before
                    && data.profileOf(userId).isEmpty()) {
                // erased already and nothing since: a second record would say an erasure deleted what was gone
                data.erase(userId, List.of());
                return new Erasure(before.erasureId(), 0, newest.position());
            }
            int closed = events.size();
            int personVersion = (int) history.stream()
                            .filter(stored -> stored.event() instanceof PersonErased)
                            .count()
                    + 1;
            events.add(new PersonErased(ids.get(), userId, personVersion, now, erasureId, closed));
            try {
                List<StoredEvent> stored = data.erase(userId, events);
                stored.forEach(publishing::publishCommitted);
                long position = stored.get(stored.size() - 1).position();
                return new Erasure(erasureId, closed, position);
            } catch (RatingEventStore.StreamVersionConflict e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
