package io.llmrouter.streams.internal.cost;

import java.nio.ByteBuffer;

import io.llmrouter.schemas.UsageEvent;

/**
 * Usage summed over one window for one group, as stored in the cost stores: five numbers in 40 bytes, since every
 * usage event rewrites twelve of them and JSON would cost more than the store itself.
 *
 * @param requests         requests served, by an upstream or a cache
 * @param promptTokens     input tokens
 * @param completionTokens output tokens
 * @param costUsd          cost from the configured prices
 * @param cacheHits        requests a cache answered (no tokens, no cost)
 */
public record CostTotals(long requests, long promptTokens, long completionTokens, double costUsd, long cacheHits) {

    /** Nothing yet. */
    public static final CostTotals NONE = new CostTotals(0, 0, 0, 0.0, 0);

    /** These totals with one more usage event. */
    public CostTotals plus(UsageEvent usage) {
        boolean hit = Boolean.TRUE.equals(usage.cacheHit());
        return new CostTotals(requests + 1, promptTokens + usage.promptTokens(),
                completionTokens + usage.completionTokens(), costUsd + usage.costUsd(), cacheHits + (hit ? 1 : 0));
    }

    /** The sum of two partial totals, e.g. of two partitions. */
    public CostTotals plus(CostTotals other) {
        return new CostTotals(requests + other.requests, promptTokens + other.promptTokens,
                completionTokens + other.completionTokens, costUsd + other.costUsd, cacheHits + other.cacheHits);
    }

    /** The stored form: requests, prompt tokens, completion tokens, cost, cache hits. */
    public byte[] toBytes() {
        return ByteBuffer.allocate(40).putLong(requests).putLong(promptTokens).putLong(completionTokens)
                .putDouble(costUsd).putLong(cacheHits).array();
    }

    /** Totals from their stored form. */
    public static CostTotals fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        return new CostTotals(in.getLong(), in.getLong(), in.getLong(), in.getDouble(), in.getLong());
    }
}
