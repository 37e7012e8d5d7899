package io.llmrouter.cache.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.llmrouter.cache.SemanticCacheSettings;

/**
 * The entries of one scope, searched by brute force while the scope is small and through HNSW once it grows
 * past the cutoff. One thread at a time may add and remove; any number may search meanwhile.
 */
public final class ScopeIndex {

    private final SemanticCacheSettings settings;
    // Writer-only: what a rebuilt index must hold.
    private final Map<Long, StoredEntry> members = new LinkedHashMap<>();
    private volatile VectorIndex vectors = BruteForceVectors.of(List.of());

    public ScopeIndex(SemanticCacheSettings settings) {
        this.settings = settings;
    }

    /** Adds an entry, switching to HNSW or rebuilding a full graph when needed. */
    public void add(StoredEntry entry) {
        members.put(entry.id(), entry);
        VectorIndex current = vectors;
        boolean overCutoff = members.size() > settings.bruteForceCutoff();
        if ((current instanceof BruteForceVectors && overCutoff) || !current.add(entry)) {
            // Searches go on against the old index until the new one, holding this entry too, is published.
            vectors = HnswVectors.build(members.values(), settings);
        }
    }

    /** Removes an entry, going back to brute force once the scope has shrunk well below the cutoff. */
    public void remove(StoredEntry entry) {
        if (members.remove(entry.id()) == null) {
            return;
        }
        VectorIndex current = vectors;
        // Half the cutoff, so that a scope hovering around the cutoff does not flip back and forth.
        if (current instanceof HnswVectors && members.size() < settings.bruteForceCutoff() / 2) {
            vectors = BruteForceVectors.of(members.values());
        } else {
            current.remove(entry);
        }
    }

    /** Entries in this scope. */
    public int size() {
        return members.size();
    }

    /** True when the scope is searched through an HNSW graph. */
    public boolean approximate() {
        return vectors instanceof HnswVectors;
    }

    /** See {@link VectorIndex#nearest}. */
    public List<Candidate> nearest(float[] query, int k, double minSimilarity, long now) {
        return vectors.nearest(query, k, minSimilarity, now);
    }
}
