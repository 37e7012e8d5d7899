package io.llmrouter.cache;

/**
 * Counters of a {@link SemanticCache} since it was created; monotonic except {@code entries}.
 *
 * @param hits               lookups that returned an entry
 * @param misses             lookups that returned nothing
 * @param rejections         candidates above the threshold that the verifier turned down
 * @param expiredEvictions   entries dropped because their time to live had passed
 * @param capacityEvictions  least recently used entries dropped to stay within the entry limit
 * @param entries            entries held now, including expired ones not yet purged
 */
public record SemanticCacheStats(long hits, long misses, long rejections, long expiredEvictions,
                                 long capacityEvictions, int entries) {
}
