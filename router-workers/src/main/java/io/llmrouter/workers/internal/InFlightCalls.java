package io.llmrouter.workers.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Upstream calls in flight, per partition ownership: the pool's concurrency limit, and what a rebalance or
 * shutdown waits for (up to a bound, so a call held upstream never holds the group up for long).
 */
public final class InFlightCalls {

    private final Map<PartitionOwnership, Integer> counts = new HashMap<>();
    private int total;

    /** A call started. */
    public synchronized void started(PartitionOwnership owner) {
        counts.merge(owner, 1, Integer::sum);
        total++;
    }

    /** A call ended (its outcome is handed to the committer first). */
    public synchronized void ended(PartitionOwnership owner) {
        counts.computeIfPresent(owner, (o, n) -> n > 1 ? n - 1 : null);
        total--;
        notifyAll();
    }

    /** Calls in flight over every ownership. */
    public synchronized int total() {
        return total;
    }

    /** Calls in flight on these ownerships. */
    public synchronized int on(Collection<PartitionOwnership> owners) {
        int count = 0;
        for (PartitionOwnership owner : owners) {
            count += counts.getOrDefault(owner, 0);
        }
        return count;
    }

    /**
     * Waits until no call is in flight on these ownerships, or the wait is over.
     *
     * @return true when none is left
     */
    public synchronized boolean awaitNone(Collection<PartitionOwnership> owners, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (on(owners) > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
