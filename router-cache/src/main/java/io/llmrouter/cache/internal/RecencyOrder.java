package io.llmrouter.cache.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every entry by key, least recently used first. Guarded by its own monitor, held only for single map
 * operations, so a lookup recording a hit never waits for an index search or rebuild.
 */
public final class RecencyOrder {

    private final LinkedHashMap<String, StoredEntry> byKey = new LinkedHashMap<>(1_024, 0.75f, true);

    /** Records a use of the entry under this key, if there still is one. */
    public synchronized void touch(String key) {
        byKey.get(key);
    }

    /** Adds an entry as the most recently used one; returns the entry it replaces, or null. */
    public synchronized StoredEntry put(StoredEntry entry) {
        return byKey.put(entry.key(), entry);
    }

    /** Removes the entry under this key; returns it, or null. */
    public synchronized StoredEntry remove(String key) {
        return byKey.remove(key);
    }

    /** Removes this very entry if it is still the one under its key. */
    public synchronized boolean removeExactly(StoredEntry entry) {
        return byKey.remove(entry.key(), entry);
    }

    /** Removes and returns the least recently used entry, or null when there is none. */
    public synchronized StoredEntry removeEldest() {
        Iterator<Map.Entry<String, StoredEntry>> iterator = byKey.entrySet().iterator();
        if (!iterator.hasNext()) {
            return null;
        }
        StoredEntry eldest = iterator.next().getValue();
        iterator.remove();
        return eldest;
    }

    /** True when an entry is held under this key; does not count as a use. */
    public synchronized boolean contains(String key) {
        return byKey.containsKey(key);
    }

    public synchronized int size() {
        return byKey.size();
    }
}
