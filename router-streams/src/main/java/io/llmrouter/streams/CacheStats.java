package io.llmrouter.streams;

import java.util.concurrent.atomic.LongAdder;

/** Counts of the caches' hits, misses and evictions in this streams instance, per tier. */
public final class CacheStats {

    private final LongAdder exactHits = new LongAdder();
    private final LongAdder semanticHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder bypasses = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder evicted = new LongAdder();

    /** Counts one. */
    public void countExactHit() {
        exactHits.increment();
    }

    /** Counts one. */
    public void countSemanticHit() {
        semanticHits.increment();
    }

    /** Counts one. */
    public void countMiss() {
        misses.increment();
    }

    /** Counts one. */
    public void countBypass() {
        bypasses.increment();
    }

    /** Counts one. */
    public void countExpired() {
        expired.increment();
    }

    /** Counts one. */
    public void countEvicted() {
        evicted.increment();
    }

    /** Requests answered from the exact tier. */
    public long exactHits() {
        return exactHits.sum();
    }

    /** Requests answered from the semantic tier. */
    public long semanticHits() {
        return semanticHits.sum();
    }

    /** Cacheable requests neither tier could answer. */
    public long misses() {
        return misses.sum();
    }

    /** Requests the caches did not look at: not deterministic, opted out, or failed over. */
    public long bypasses() {
        return bypasses.sum();
    }

    /** Answers removed because their time to live ran out. */
    public long expired() {
        return expired.sum();
    }

    /** Answers removed to stay within the maximum number of entries, least recently used first. */
    public long evicted() {
        return evicted.sum();
    }
}
