package io.llmrouter.cache;

/**
 * Sizing and search parameters of a {@link SemanticCache}.
 *
 * @param dimensions       length of every vector the cache accepts (384 for all-MiniLM-L6-v2)
 * @param maxEntries       entries kept across all scopes; the least recently used go first beyond it
 * @param bruteForceCutoff a scope with more entries than this is searched through an HNSW graph, a smaller one
 *                         by comparing the query with every vector (exact, and faster at that size)
 * @param candidates       how many nearest entries above the threshold a lookup offers the verifier
 * @param m                HNSW links per node (memory and recall grow with it)
 * @param efConstruction   HNSW candidate list size while inserting (build time and graph quality grow with it)
 * @param ef               HNSW candidate list size while searching (latency and recall grow with it)
 */
public record SemanticCacheSettings(int dimensions, int maxEntries, int bruteForceCutoff, int candidates,
                                    int m, int efConstruction, int ef) {

    /**
     * Just above the measured crossover (about 500 entries on 2 cores): from here on HNSW is faster, while brute
     * force, which is exact, still answers in 0.2 ms at p99. See docs/benchmarks.md, "Semantic index".
     */
    public static final int DEFAULT_BRUTE_FORCE_CUTOFF = 1_000;

    public SemanticCacheSettings {
        requirePositive(dimensions, "dimensions");
        requirePositive(maxEntries, "maxEntries");
        requirePositive(bruteForceCutoff, "bruteForceCutoff");
        requirePositive(candidates, "candidates");
        if (m < 2) {
            throw new IllegalArgumentException("m must be at least 2, was " + m);
        }
        requirePositive(efConstruction, "efConstruction");
        requirePositive(ef, "ef");
    }

    /**
     * 384 dimensions, 100,000 entries, 5 candidates, m 16, efConstruction 64, ef 48: at 100,000 clustered
     * entries these found the exact nearest entry for 99.5% of queries (m 12 or a smaller ef lost several points).
     */
    public static SemanticCacheSettings defaults() {
        return new SemanticCacheSettings(384, 100_000, DEFAULT_BRUTE_FORCE_CUTOFF, 5, 16, 64, 48);
    }

    /** These settings with another entry limit. */
    public SemanticCacheSettings withMaxEntries(int value) {
        return new SemanticCacheSettings(dimensions, value, bruteForceCutoff, candidates, m, efConstruction, ef);
    }

    /** These settings with another vector length. */
    public SemanticCacheSettings withDimensions(int value) {
        return new SemanticCacheSettings(value, maxEntries, bruteForceCutoff, candidates, m, efConstruction, ef);
    }

    /** These settings with another scope size above which HNSW takes over from brute force. */
    public SemanticCacheSettings withBruteForceCutoff(int value) {
        return new SemanticCacheSettings(dimensions, maxEntries, value, candidates, m, efConstruction, ef);
    }

    /** These settings with other HNSW parameters. */
    public SemanticCacheSettings withHnsw(int newM, int newEfConstruction, int newEf) {
        return new SemanticCacheSettings(dimensions, maxEntries, bruteForceCutoff, candidates, newM,
                newEfConstruction, newEf);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
