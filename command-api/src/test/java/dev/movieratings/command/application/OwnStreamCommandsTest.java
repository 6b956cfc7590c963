package dev.movieratings.command.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The write loop the watchlist, helpful and tag commands share, on a stream held in memory whose rule is "tag the
 * film once": given the stream's events, when a command arrives (and maybe another writer slips in before its
 * append), then these events are appended, this much quota is used and this is published.
 */
class OwnStreamCommandsTest {

    private static final Instant NOW = Instant.parse("2024-05-02T12:30:00.123456Z");
    private static final UUID TAG = new UUID(7, 7);

    private final List<RatingEvent> stream = new ArrayList<>();
    private final List<String> quotaUsedBy = new ArrayList<>();
    private final Set<UUID> published = new LinkedHashSet<>();
    private int reads;
    private int nextId;
    private Consumer<RatingEvent> competitor = event -> {};

    private final OwnStreamCommands commands = new OwnStreamCommands(
            new PublishingEvents(
                    events -> {
                        events.forEach(e -> published.add(e.event().eventId()));
                        return Set.copyOf(published);
                    },
                    new InMemoryRatingEvents()),
            quotaUsedBy::add);

    @Test
    void aWriteThatChangesTheStreamUsesTheQuotaOnceAppendsAndPublishes() {
        OwnStreamCommands.Written written = tagOnce();

        assertThat(stream).containsExactly(tagged(new UUID(0, 1), 1));
        assertThat(written).isEqualTo(new OwnStreamCommands.Written(new UUID(0, 1), 1L, 1));
        assertThat(quotaUsedBy).containsExactly("alice");
        assertThat(published).containsExactly(new UUID(0, 1));
        assertThat(reads).isOne();
    }

    @Test
    void aStreamThatAlreadySaysSoAnswersItsVersionWritesNothingAndUsesNoQuota() {
        stream.add(tagged(new UUID(9, 1), 1));

        OwnStreamCommands.Written written = tagOnce();

        assertThat(written).isEqualTo(new OwnStreamCommands.Written(null, null, 1));
        assertThat(stream).hasSize(1);
        assertThat(quotaUsedBy).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aWriterWhoLostTheRaceReadsTheStreamAgainAndDecidesOnItsNewVersion() {
        stream.add(tagged(new UUID(9, 1), 1));
        stream.add(untagged(new UUID(9, 2), 2));
        // another writer tags and untags the film between this command's read and its append
        competitor = event -> {
            competitor = e -> {};
            stream.add(tagged(new UUID(9, 3), 3));
            stream.add(untagged(new UUID(9, 4), 4));
        };

        OwnStreamCommands.Written written = tagOnce();

        assertThat(stream.stream().map(RatingEvent::streamVersion)).containsExactly(1, 2, 3, 4, 5);
        assertThat(stream.get(4)).isEqualTo(tagged(new UUID(0, 2), 5));
        assertThat(written).isEqualTo(new OwnStreamCommands.Written(new UUID(0, 2), 5L, 5));
        assertThat(reads).as("the stream is read again after the conflict").isEqualTo(2);
        assertThat(quotaUsedBy).as("one command, one unit of quota").containsExactly("alice");
        assertThat(published).containsExactly(new UUID(0, 2));
    }

    @Test
    void aWriterWhoLostTheRaceToTheSameChangeWritesNothingOnItsSecondRead() {
        competitor = event -> {
            competitor = e -> {};
            stream.add(tagged(new UUID(9, 1), 1));
        };

        OwnStreamCommands.Written written = tagOnce();

        assertThat(written).isEqualTo(new OwnStreamCommands.Written(null, null, 1));
        assertThat(stream).containsExactly(tagged(new UUID(9, 1), 1));
        assertThat(published).isEmpty();
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void aWriterWhoLosesEveryRaceGivesUpAfterFiveAttempts() {
        competitor = event -> {
            stream.add(tagged(new UUID(9, stream.size() + 1), stream.size() + 1));
            stream.add(untagged(new UUID(9, stream.size() + 1), stream.size() + 1));
        };

        assertThatThrownBy(this::tagOnce).isInstanceOf(RatingEventStore.StreamVersionConflict.class);
        assertThat(reads).isEqualTo(5);
        assertThat(quotaUsedBy).containsExactly("alice");
        assertThat(published).isEmpty();
    }

    /** The rule under test: tag the film unless the stream's latest event tagged it. */
    private OwnStreamCommands.Written tagOnce() {
        return commands.write(
                "alice",
                () -> {
                    reads++;
                    return List.copyOf(stream);
                },
                List::size,
                events -> events.isEmpty() || !(events.get(events.size() - 1) instanceof MovieTagged)
                        ? Optional.of(tagged(new UUID(0, ++nextId), events.size() + 1))
                        : Optional.empty(),
                this::append);
    }

    /** As the JDBC port: the table refuses a version the stream already holds. */
    private StoredEvent append(RatingEvent event) {
        competitor.accept(event);
        if (event.streamVersion() != stream.size() + 1) {
            throw new RatingEventStore.StreamVersionConflict("stream moved to " + stream.size());
        }
        stream.add(event);
        return new StoredEvent(stream.size(), event);
    }

    private static MovieTagged tagged(UUID eventId, int version) {
        return new MovieTagged(eventId, "alice", 318, version, NOW, TAG);
    }

    private static MovieUntagged untagged(UUID eventId, int version) {
        return new MovieUntagged(eventId, "alice", 318, version, NOW, TAG, null);
    }
}
