package io.llmrouter.cache.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Exact search by comparing the query with every vector; the fastest choice for small scopes.
 *
 * <p>Readers work on an immutable-prefix snapshot: appends write past the end a reader sees and then publish a
 * longer snapshot, removals publish a fresh copy. So no lock is needed and no reader sees a half-made change.
 */
public final class BruteForceVectors implements VectorIndex {

    private record Snapshot(StoredEntry[] entries, int size) {
    }

    private volatile Snapshot snapshot;

    private BruteForceVectors(StoredEntry[] entries, int size) {
        this.snapshot = new Snapshot(entries, size);
    }

    /** An index holding the given entries. */
    public static BruteForceVectors of(Collection<StoredEntry> entries) {
        StoredEntry[] array = entries.toArray(new StoredEntry[Math.max(16, entries.size() * 2)]);
        return new BruteForceVectors(array, entries.size());
    }

    @Override
    public boolean add(StoredEntry entry) {
        Snapshot current = snapshot;
        StoredEntry[] entries = current.entries();
        if (current.size() == entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        entries[current.size()] = entry;
        snapshot = new Snapshot(entries, current.size() + 1);
        return true;
    }

    @Override
    public void remove(StoredEntry entry) {
        Snapshot current = snapshot;
        StoredEntry[] entries = current.entries();
        for (int i = 0; i < current.size(); i++) {
            if (entries[i] == entry) {
                StoredEntry[] copy = new StoredEntry[entries.length];
                System.arraycopy(entries, 0, copy, 0, i);
                System.arraycopy(entries, i + 1, copy, i, current.size() - i - 1);
                snapshot = new Snapshot(copy, current.size() - 1);
                return;
            }
        }
    }

    @Override
    public List<Candidate> nearest(float[] query, int k, double minSimilarity, long now) {
        Snapshot current = snapshot;
        StoredEntry[] entries = current.entries();
        StoredEntry[] best = new StoredEntry[k];
        double[] bestSimilarity = new double[k];
        int found = 0;
        for (int i = 0; i < current.size(); i++) {
            StoredEntry entry = entries[i];
            double similarity = VectorIndex.dot(query, entry.vector());
            if (similarity < minSimilarity || (found == k && similarity <= bestSimilarity[k - 1])
                    || !entry.liveAt(now)) {
                continue;
            }
            // Insertion into the short sorted list of the best so far.
            int at = Math.min(found, k - 1);
            while (at > 0 && bestSimilarity[at - 1] < similarity) {
                best[at] = best[at - 1];
                bestSimilarity[at] = bestSimilarity[at - 1];
                at--;
            }
            best[at] = entry;
            bestSimilarity[at] = similarity;
            found = Math.min(found + 1, k);
        }
        List<Candidate> result = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            result.add(new Candidate(best[i], bestSimilarity[i]));
        }
        return result;
    }
}
