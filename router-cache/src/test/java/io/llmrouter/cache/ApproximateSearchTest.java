package io.llmrouter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The HNSW path of large scopes, checked against exact brute-force search. */
class ApproximateSearchTest {

    private static final int DIMENSIONS = 384;
    private static final SemanticScope SCOPE = new SemanticScope("*", "chat-fast", "system-a");
    private static final double ANY_SIMILARITY = -1.0;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void hnswFindsTheSameBestMatchAsBruteForceForAtLeast95PercentOfQueries() {
        SemanticCache exact = cache(Integer.MAX_VALUE, 100_000);
        SemanticCache approximate = cache(100, 100_000);
        ClusteredVectors vectors = new ClusteredVectors(42, DIMENSIONS, 50, 1.0);
        List<float[]> stored = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            float[] vector = vectors.next();
            stored.add(vector);
            exact.put(entry("k" + i, vector));
            approximate.put(entry("k" + i, vector));
        }
        assertThat(approximate.approximate(SCOPE)).isTrue();
        assertThat(exact.approximate(SCOPE)).isFalse();

        int queries = 400;
        int agreeing = 0;
        for (int i = 0; i < queries; i++) {
            float[] query = i % 2 == 0 ? vectors.nearDuplicate(stored.get(i * 7)) : vectors.next();
            if (best(exact, query).equals(best(approximate, query))) {
                agreeing++;
            }
        }

        assertThat(agreeing).isGreaterThanOrEqualTo(queries * 95 / 100);
    }

    @Test
    void scopeSwitchesToHnswAboveTheCutoffAndBackWellBelowIt() {
        SemanticCache cache = cache(100, 100_000);
        ClusteredVectors vectors = new ClusteredVectors(7, DIMENSIONS, 10, 1.0);
        for (int i = 0; i < 101; i++) {
            cache.put(entry("k" + i, vectors.next()));
        }
        assertThat(cache.approximate(SCOPE)).isTrue();

        for (int i = 0; i < 52; i++) {
            cache.remove("k" + i);
        }

        assertThat(cache.approximate(SCOPE)).isFalse();
        assertThat(cache.size()).isEqualTo(49);
    }

    @Test
    void churnBeyondTheGraphsSlotsKeepsEveryLiveEntryFindable() {
        // 3,000 inserts through a 200-entry cache: evictions leave deleted nodes behind until the graph is rebuilt.
        SemanticCache cache = cache(50, 200);
        ClusteredVectors vectors = new ClusteredVectors(11, DIMENSIONS, 20, 1.0);
        List<float[]> all = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            float[] vector = vectors.next();
            all.add(vector);
            cache.put(entry("k" + i, vector));
        }

        assertThat(cache.size()).isEqualTo(200);
        assertThat(cache.stats().capacityEvictions()).isEqualTo(2_800);
        int found = 0;
        for (int i = 2_800; i < 3_000; i++) {
            if (best(cache, all.get(i)).equals(Optional.of("k" + i))) {
                found++;
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(195);
    }

    private SemanticCache cache(int bruteForceCutoff, int maxEntries) {
        return new SemanticCache(SemanticCacheSettings.defaults()
                .withBruteForceCutoff(bruteForceCutoff).withMaxEntries(maxEntries), clock);
    }

    private SemanticEntry entry(String key, float[] vector) {
        return new SemanticEntry(key, SCOPE, key, vector, Long.MAX_VALUE);
    }

    private static Optional<String> best(SemanticCache cache, float[] query) {
        return cache.lookup(SCOPE, "q", query, ANY_SIMILARITY, HitVerifier.COSINE_ONLY).map(SemanticHit::key);
    }
}
