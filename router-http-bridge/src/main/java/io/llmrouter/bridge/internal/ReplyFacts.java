package io.llmrouter.bridge.internal;

import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.schemas.CacheInfo;
import io.llmrouter.schemas.LlmReply;

/**
 * What a terminal reply tells metrics and stats beyond its outcome: tokens, cost and whether a cache answered.
 *
 * <p>This is the one place that reads such figures from replies; when replies carry more (a cache tier, a price),
 * read it here and every metric and stat sees it.
 *
 * @param promptTokens     input tokens, 0 when the reply does not say
 * @param completionTokens output tokens, 0 when the reply does not say
 * @param costUsd          the price of the call, when the reply carries it
 * @param cacheTier        the cache that answered ({@code exact}, {@code semantic}), empty when none did
 */
public record ReplyFacts(long promptTokens, long completionTokens, OptionalDouble costUsd, Optional<String> cacheTier) {

    /** Facts of a reply that carries none. */
    public static final ReplyFacts NONE = new ReplyFacts(0, 0, OptionalDouble.empty(), Optional.empty());

    /** The facts a reply carries. */
    public static ReplyFacts of(LlmReply reply) {
        if (reply == null || reply.response() == null) {
            return NONE;
        }
        JsonNode usage = reply.response().path("usage");
        // The worker prices the call at the configured rates; without that, some upstreams (OpenRouter, for one)
        // put the call's price in usage.cost.
        JsonNode cost = usage.path("cost");
        OptionalDouble price = reply.costUsd() != null ? OptionalDouble.of(reply.costUsd())
                : cost.isNumber() ? OptionalDouble.of(cost.asDouble()) : OptionalDouble.empty();
        return new ReplyFacts(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                price, cacheTier(reply));
    }

    /** True when a cache answered instead of a provider. */
    public boolean cacheHit() {
        return cacheTier.isPresent();
    }

    private static Optional<String> cacheTier(LlmReply reply) {
        if (reply.cache() == null || !reply.cache().isHit()) {
            return Optional.empty();
        }
        return Optional.of(reply.cache().status() == CacheInfo.Status.HIT_EXACT ? "exact" : "semantic");
    }
}
