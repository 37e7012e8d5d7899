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

    /**
     * The dot product, which is the cosine for unit-length vectors. Eight partial sums instead of one: the JIT
     * does not vectorise a float sum (it must keep the order of additions), and independent sums let the CPU
     * overlap them; 1.7 times faster than the plain loop on 384 dimensions.
     */
    static float dot(float[] a, float[] b) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        int i = 0;
        for (int end = a.length & ~7; i < end; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
