package dev.movieratings.local.front;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address for anonymous reads: {@code burst} requests at once, refilled at
 * {@code perSecond}. The address is the connection's, never a header a client can set. Plays locally
 * the part of the per-IP rate-based rule in front of the AWS deployment (docs/security.md).
 */
public final class ClientRateLimit {

    /** How many requests a client may make at once and how fast its allowance comes back. */
    public record Limit(int burst, double perSecond) {

        public static final Limit NONE = new Limit(Integer.MAX_VALUE, Double.POSITIVE_INFINITY);

        public Limit {
            if (burst < 1 || !(perSecond > 0)) {
                throw new IllegalArgumentException(
                        "a client limit needs a burst of at least 1 and a positive rate, not " + burst + " and "
                                + perSecond);
            }
        }

        boolean unlimited() {
            return Double.isInfinite(perSecond);
        }
    }

    /** Past this many tracked addresses, buckets that are full again (idle clients) are dropped. */
    static final int MAX_TRACKED_CLIENTS = 10_000;

    private final Limit limit;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ClientRateLimit(Limit limit) {
        this(limit, System::nanoTime);
    }

    ClientRateLimit(Limit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /** Zero when the client may go on; otherwise the whole seconds until it may (for Retry-After). */
    long secondsToWait(String client) {
        if (limit.unlimited()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(now)).take(now);
    }

    int trackedClients() {
        return buckets.size();
    }

    private final class Bucket {
        private double tokens = limit.burst();
        private long updated;

        Bucket(long now) {
            updated = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= limit.burst();
        }

        private void refill(long now) {
            tokens = Math.min(limit.burst(), tokens + (now - updated) / 1e9 * limit.perSecond());
            updated = now;
        }
    }
}
