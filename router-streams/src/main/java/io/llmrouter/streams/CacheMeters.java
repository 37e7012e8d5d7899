package io.llmrouter.streams;

import java.util.function.ToDoubleFunction;

import io.llmrouter.cache.SemanticCacheStats;
import io.llmrouter.streams.internal.cache.SemanticTier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The caches' counters as Micrometer meters: lookups by tier and result, bypasses, and evictions by tier and
 * cause. They read the live counters, so registering once is enough.
 */
public final class CacheMeters {

    private CacheMeters() {
    }

    /** Registers the meters of one streams instance's caches. */
    static void bind(MeterRegistry registry, CacheStats stats, SemanticTier semantic) {
        lookups(registry, "exact", "hit", stats, CacheStats::exactHits);
        lookups(registry, "exact", "miss", stats, s -> s.semanticHits() + s.misses());
        lookups(registry, "semantic", "hit", stats, CacheStats::semanticHits);
        lookups(registry, "semantic", "miss", stats, CacheStats::misses);
        FunctionCounter.builder("llm.router.cache.bypasses", stats, CacheStats::bypasses)
                .description("Requests the caches did not look at: not deterministic, opted out, or failed over")
                .register(registry);
        evictions(registry, "exact", "expired", stats, CacheStats::expired);
        evictions(registry, "exact", "capacity", stats, CacheStats::evicted);
        semantic.stats().ifPresent(initial -> {
            evictions(registry, "semantic", "expired", semantic, t -> t.stats().map(SemanticCacheStats::expiredEvictions).orElse(0L));
            evictions(registry, "semantic", "capacity", semantic, t -> t.stats().map(SemanticCacheStats::capacityEvictions).orElse(0L));
            FunctionCounter.builder("llm.router.cache.semantic.rejections", semantic,
                            t -> t.stats().map(SemanticCacheStats::rejections).orElse(0L))
                    .description("Close prompts the hit verifier turned down")
                    .register(registry);
            Gauge.builder("llm.router.cache.semantic.entries", semantic,
                            t -> t.stats().map(SemanticCacheStats::entries).orElse(0))
                    .description("Prompts in this instance's semantic index")
                    .register(registry);
            Gauge.builder("llm.router.cache.semantic.pending.writes", semantic, SemanticTier::pendingWrites)
                    .description("Changes waiting to reach the semantic index, which is written in the background")
                    .register(registry);
        });
    }

    private static void lookups(MeterRegistry registry, String tier, String result, CacheStats stats,
                                ToDoubleFunction<CacheStats> count) {
        FunctionCounter.builder("llm.router.cache.lookups", stats, count)
                .description("Cache lookups of cacheable requests, by tier and result")
                .tags("tier", tier, "result", result)
                .register(registry);
    }

    private static <T> void evictions(MeterRegistry registry, String tier, String cause, T source,
                                      ToDoubleFunction<T> count) {
        FunctionCounter.builder("llm.router.cache.evictions", source, count)
                .description("Cached answers removed, by tier and cause")
                .tags("tier", tier, "cause", cause)
                .register(registry);
    }
}
