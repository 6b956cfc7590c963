package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A person's events grouped by stream, as both erasure and export read them. */
final class PersonStreams {

    private PersonStreams() {}

    /** Each of the person's streams of one kind (rating or watchlist): its events in version order, by movie. */
    static Map<Long, List<RatingEvent>> of(List<StoredEvent> events, String kind) {
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
}
