package dev.movieratings.command.infrastructure;

/**
 * Every writer of rating_events takes this transaction-scoped advisory lock right before inserting,
 * so positions become visible in the order they were handed out. Readers that need "every event up
 * to position P" (the projector's watermark, the rebuild) rely on it.
 */
public final class EventAppendOrder {

    public static final long LOCK_KEY = 0x6D6F766965L;

    private EventAppendOrder() {}
}
