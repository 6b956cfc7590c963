package dev.movieratings.command.application;

import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.rating.tag.TagText;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The tag commands (issue 19): put a tag on a film, take one off; the caller's own tags only. The text follows the
 * rules of review text ({@link TagText}); a person has a tag once per film whatever its case, so adding "Funny" where
 * "funny" is on changes nothing, and removing "FUNNY" takes it off. Each decides the next event of the caller's tag
 * stream for the film (or none: both are idempotent) and writes it through {@link OwnStreamCommands}, with the text
 * written to or deleted from the personal store in the append's transaction.
 */
public final class KeepingTags {

    private final TagEvents events;
    private final Catalog catalog;
    private final OwnStreamCommands commands;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public KeepingTags(
            TagEvents events,
            Catalog catalog,
            PublishingEvents publishing,
            WriteQuota quota,
            Clock clock,
            Supplier<UUID> ids) {
        this.events = events;
        this.catalog = catalog;
        this.commands = new OwnStreamCommands(publishing, quota);
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @throws dev.movieratings.rating.InvalidRating when the tag breaks a text rule
     * @throws MovieNotFound when the catalog has no such film
     */
    public TagChange add(String userId, long movieId, @Nullable String raw) {
        TagText tag = TagText.of(raw);
        return record(userId, movieId, tag, true);
    }

    /** A tag the film does not carry is simply not there (200, nothing written). */
    public TagChange remove(String userId, long movieId, @Nullable String raw) {
        TagText tag = TagText.of(raw);
        return record(userId, movieId, tag, false);
    }

    private TagChange record(String userId, long movieId, TagText tag, boolean add) {
        if (!catalog.movieExists(movieId)) {
            throw new MovieNotFound(movieId);
        }
        OwnStreamCommands.Written written = commands.write(
                userId,
                () -> events.stream(userId, movieId),
                TagEvents.TagStream::version,
                stream -> decide(stream, userId, movieId, tag, add),
                next -> events.append(next, add ? tag : null));
        return new TagChange(movieId, tag.text(), add, written.eventId(), written.position(), written.streamVersion());
    }

    /** The tag's key is on the film or not: adding what is on, or removing what is not, changes nothing. */
    private Optional<RatingEvent> decide(
            TagEvents.TagStream stream, String userId, long movieId, TagText tag, boolean add) {
        UUID current = stream.tagsByKey().get(tag.key());
        if (add == (current != null)) {
            return Optional.empty();
        }
        int version = stream.version() + 1;
        return Optional.of(
                add
                        ? new MovieTagged(ids.get(), userId, movieId, version, now(), ids.get())
                        : new MovieUntagged(ids.get(), userId, movieId, version, now(), current, null));
    }

    /** Microseconds, as PostgreSQL keeps them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
