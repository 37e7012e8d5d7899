package io.llmrouter.cache.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.llmrouter.cache.SemanticCacheSettings;

/**
 * Approximate search through an HNSW graph (hnswlib-core), for scopes too large to compare one by one.
 *
 * <p>hnswlib-core lets one thread add while others search. Its removal only marks a node deleted: the node
 * keeps its slot and stays in the graph, so an index has a fixed number of slots and {@link #add} reports when
 * they run out; the owner then builds a new index from the live entries. That index is never resized in place,
 * because {@code HnswIndex.resize} swaps internal arrays under searches that may be running.
 */
public final class HnswVectors implements VectorIndex {

    /** An entry as hnswlib-core sees it: the id and the unit vector, compared by inner product. */
    private record IndexedVector(StoredEntry stored) implements Item<Long, float[]> {

        @Override
        public Long id() {
            return stored.id();
        }

        @Override
        public float[] vector() {
            return stored.vector();
        }

        @Override
        public int dimensions() {
            return stored.vector().length;
        }
    }

    private static final int MIN_SLOTS = 1_024;

    private final HnswIndex<Long, float[], IndexedVector, Float> index;
    private final int slots;
    private int slotsUsed;

    private HnswVectors(HnswIndex<Long, float[], IndexedVector, Float> index, int slots) {
        this.index = index;
        this.slots = slots;
    }

    /**
     * An index holding the given entries, with room for as many again before it has to be rebuilt; built with
     * all cores, since the caller's thread waits for it.
     */
    public static HnswVectors build(Collection<StoredEntry> entries, SemanticCacheSettings settings) {
        int slots = Math.max(MIN_SLOTS, entries.size() * 2);
        HnswIndex<Long, float[], IndexedVector, Float> index = HnswIndex
                .newBuilder(settings.dimensions(), new InnerProductDistance(), slots)
                .withM(settings.m())
                .withEfConstruction(settings.efConstruction())
                .withEf(settings.ef())
                .withRemoveEnabled()
                .build();
        List<IndexedVector> items = new ArrayList<>(entries.size());
        for (StoredEntry entry : entries) {
            items.add(new IndexedVector(entry));
        }
        try {
            index.addAll(items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the semantic index", e);
        }
        HnswVectors vectors = new HnswVectors(index, slots);
        vectors.slotsUsed = items.size();
        return vectors;
    }

    @Override
    public boolean add(StoredEntry entry) {
        if (slotsUsed >= slots) {
            return false;
        }
        index.add(new IndexedVector(entry));
        slotsUsed++;
        return true;
    }

    @Override
    public void remove(StoredEntry entry) {
        index.remove(entry.id(), 0L);
    }

    @Override
    public List<Candidate> nearest(float[] query, int k, double minSimilarity, long now) {
        List<SearchResult<IndexedVector, Float>> results = index.findNearest(query, k);
        List<Candidate> candidates = new ArrayList<>(results.size());
        for (SearchResult<IndexedVector, Float> result : results) {
            StoredEntry stored = result.item().stored();
            // Recomputed rather than taken as 1 - distance, so both indexes agree to the last bit at the threshold.
            double similarity = VectorIndex.dot(query, stored.vector());
            if (similarity >= minSimilarity && stored.liveAt(now)) {
                candidates.add(new Candidate(stored, similarity));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::similarity).reversed());
        return candidates;
    }
}
