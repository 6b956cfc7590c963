package dev.movieratings.events.json;

/** A message that does not hold a rating event this code can read: poison for a consumer. */
public class UnreadableEvent extends RuntimeException {

    public UnreadableEvent(String message) {
        super(message);
    }

    public UnreadableEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
