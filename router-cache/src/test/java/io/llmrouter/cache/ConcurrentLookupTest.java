package io.llmrouter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ConcurrentLookupTest {

    private static final int DIMENSIONS = 64;
    private static final int READERS = 4;

    @Test
    void lookupsDuringInsertsRemovalsAndRebuildsNeitherFailNorCrossScopes() throws Exception {
        // A small cutoff and entry limit so the writer crosses to HNSW, evicts and rebuilds while readers search.
        SemanticCache cache = new SemanticCache(SemanticCacheSettings.defaults().withDimensions(DIMENSIONS)
                .withBruteForceCutoff(100).withMaxEntries(1_500), Clock.systemUTC());
        List<SemanticScope> scopes = List.of(new SemanticScope("*", "a", "s"), new SemanticScope("*", "b", "s"));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                int seed = r;
                results.add(readers.submit(() -> lookUpUntilDone(cache, scopes, seed, writing)));
            }
            ClusteredVectors vectors = new ClusteredVectors(99, DIMENSIONS, 30, 1.0);
            for (int i = 0; i < 6_000; i++) {
                SemanticScope scope = scopes.get(i % 2);
                cache.put(new SemanticEntry(scope.modelGroup() + i, scope, "p", vectors.next(), Long.MAX_VALUE));
                if (i % 10 == 0) {
                    cache.remove(scope.modelGroup() + (i / 2));
                }
            }
            writing.set(false);

            int lookups = 0;
            for (Future<Integer> result : results) {
                lookups += result.get();
            }
            assertThat(lookups).isPositive();
            assertThat(cache.size()).isEqualTo(1_500);
        } finally {
            readers.shutdownNow();
        }
    }

    private static int lookUpUntilDone(SemanticCache cache, List<SemanticScope> scopes, int seed,
                                       AtomicBoolean writing) {
        ClusteredVectors vectors = new ClusteredVectors(99, DIMENSIONS, 30, 1.0);
        int lookups = 0;
        int i = seed;
        while (writing.get() || lookups < 100) {
            SemanticScope scope = scopes.get(i++ % 2);
            cache.lookup(scope, "q", vectors.next(), 0.0, HitVerifier.COSINE_ONLY)
                    .ifPresent(hit -> assertThat(hit.key()).startsWith(scope.modelGroup()));
            lookups++;
        }
        return lookups;
    }
}
