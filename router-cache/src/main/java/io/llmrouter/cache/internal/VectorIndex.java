package io.llmrouter.cache.internal;

import java.util.List;

/**
 * The vectors of one scope. One thread at a time may add and remove; any number may search meanwhile.
 */
public interface VectorIndex {

    /** Adds an entry; false when the index is full and must be rebuilt larger. */
    boolean add(StoredEntry entry);

    /** Removes an entry added before. */
    void remove(StoredEntry entry);

    /**
     * Up to {@code k} entries live at {@code now} whose similarity to {@code query} is at least
     * {@code minSimilarity}, most similar first.
     */
    List<Candidate> nearest(float[] query, int k, double minSimilarity, long now);

    /** The dot product, which is the cosine for unit-length vectors. */
    static double dot(float[] a, float[] b) {
        float sum = 0f;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
