package io.llmrouter.cache.internal;

import io.llmrouter.cache.SemanticEntry;

/** A semantic entry as the cache holds it: with an id unique for the cache's lifetime and a removed mark. */
public final class StoredEntry {

    private final long id;
    private final SemanticEntry entry;
    // Readers may still hold a just-removed entry from an index snapshot; the mark lets them skip it.
    private volatile boolean removed;

    public StoredEntry(long id, SemanticEntry entry) {
        this.id = id;
        this.entry = entry;
    }

    public long id() {
        return id;
    }

    public SemanticEntry entry() {
        return entry;
    }

    public String key() {
        return entry.key();
    }

    public float[] vector() {
        return entry.vector();
    }

    public long expiresAt() {
        return entry.expiresAt();
    }

    public boolean removed() {
        return removed;
    }

    public void markRemoved() {
        removed = true;
    }

    /** True when a lookup at {@code now} may return this entry. */
    public boolean liveAt(long now) {
        return !removed && entry.expiresAt() > now;
    }
}
