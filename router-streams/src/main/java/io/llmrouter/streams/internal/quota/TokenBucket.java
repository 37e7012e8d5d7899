package io.llmrouter.streams.internal.quota;

/**
 * A per-minute token bucket as stored in the ledger: it refills continuously at {@code capacity} per minute up to
 * {@code capacity}. The level may go below zero when actual usage exceeds what was reserved; that debt is repaid by
 * the refill before anything else is admitted.
 *
 * @param level     tokens left when last updated
 * @param updatedAt epoch milliseconds of the last update
 */
public record TokenBucket(double level, long updatedAt) {

    private static final double MINUTE_MS = 60_000.0;

    /** A full bucket. */
    public static TokenBucket full(long capacity, long now) {
        return new TokenBucket(capacity, now);
    }

    /** The bucket as it stands at {@code now}, refilled for the time passed. */
    public TokenBucket refilled(long capacity, long now) {
        long passed = Math.max(0, now - updatedAt);
        return new TokenBucket(Math.min(capacity, level + passed * capacity / MINUTE_MS), Math.max(now, updatedAt));
    }

    /**
     * Whether {@code amount} may be taken now: when it fits, or when the bucket is full (so an amount larger than the
     * whole bucket is not refused for ever; it overdraws by at most itself).
     */
    public boolean admits(long capacity, double amount) {
        return level >= amount || level >= capacity;
    }

    /** The bucket after taking {@code amount}; a negative amount gives tokens back, up to the capacity. */
    public TokenBucket take(long capacity, double amount) {
        return new TokenBucket(Math.min(capacity, level - amount), updatedAt);
    }

    /** Milliseconds until {@link #admits} holds for {@code amount}. */
    public long millisUntil(long capacity, double amount) {
        double needed = Math.min(amount, capacity) - level;
        return needed <= 0 ? 0 : (long) Math.ceil(needed * MINUTE_MS / capacity);
    }
}
