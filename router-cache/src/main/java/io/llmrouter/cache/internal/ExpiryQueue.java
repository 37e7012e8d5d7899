package io.llmrouter.cache.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Entries in the order they expire, so that purging touches only what has expired. Writer-only. */
public final class ExpiryQueue {

    private final TreeSet<StoredEntry> byExpiry = new TreeSet<>(
            Comparator.comparingLong(StoredEntry::expiresAt).thenComparingLong(StoredEntry::id));

    public void add(StoredEntry entry) {
        byExpiry.add(entry);
    }

    public void remove(StoredEntry entry) {
        byExpiry.remove(entry);
    }

    /** Removes and returns every entry expired at {@code now}. */
    public List<StoredEntry> pollExpired(long now) {
        List<StoredEntry> expired = new ArrayList<>();
        while (!byExpiry.isEmpty() && byExpiry.first().expiresAt() <= now) {
            expired.add(byExpiry.pollFirst());
        }
        return expired;
    }
}
