package io.llmrouter.cache;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.llmrouter.cache.internal.Candidate;
import io.llmrouter.cache.internal.ExpiryQueue;
import io.llmrouter.cache.internal.RecencyOrder;
import io.llmrouter.cache.internal.ScopeIndex;
import io.llmrouter.cache.internal.StoredEntry;

/**
 * The in-memory nearest-neighbour index of the semantic tier: finds a cached answer whose prompt is close in
 * meaning to an incoming one, within the same scope only.
 *
 * <p>Each scope has an index of its own, so prompts under another tenant, model group or context are never
 * compared. Entries expire at their {@code expiresAt} and, beyond {@link SemanticCacheSettings#maxEntries()},
 * the least recently used (inserted or hit) go first, across all scopes.
 *
 * <p>Threads: any number may {@link #lookup} at once while others write; writes ({@link #put}, {@link #remove},
 * {@link #evictExpired}) are serialised among themselves. Lookups take no lock during the search. A lookup
 * racing with the removal of its best match may still return it; the caller resolves the key against the
 * store of answers, where it is gone, and treats that as a miss.
 */
public final class SemanticCache {

    private final SemanticCacheSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<SemanticScope, ScopeIndex> scopes = new ConcurrentHashMap<>();
    private final RecencyOrder recency = new RecencyOrder();
    private final ExpiryQueue expiries = new ExpiryQueue();
    private final Object writeLock = new Object();
    private long nextId;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder rejections = new LongAdder();
    private final LongAdder expiredEvictions = new LongAdder();
    private final LongAdder capacityEvictions = new LongAdder();

    public SemanticCache(SemanticCacheSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds an entry, replacing any entry with the same key, and evicts the least recently used entries beyond
     * the limit. An entry already expired only removes the one it replaces. The vector is kept, not copied.
     */
    public void put(SemanticEntry entry) {
        requireDimensions(entry.vector());
        synchronized (writeLock) {
            StoredEntry replaced = recency.remove(entry.key());
            if (replaced != null) {
                detach(replaced);
            }
            if (entry.expiresAt() <= clock.millis()) {
                return;
            }
            StoredEntry stored = new StoredEntry(nextId++, entry);
            scopes.computeIfAbsent(entry.scope(), scope -> new ScopeIndex(settings)).add(stored);
            expiries.add(stored);
            recency.put(stored);
            while (recency.size() > settings.maxEntries()) {
                detach(recency.removeEldest());
                capacityEvictions.increment();
            }
        }
    }

    /** Removes the entry with this key; true if there was one. */
    public boolean remove(String key) {
        synchronized (writeLock) {
            StoredEntry removed = recency.remove(key);
            if (removed == null) {
                return false;
            }
            detach(removed);
            return true;
        }
    }

    /** Drops every entry whose time to live has passed; returns how many. The owner calls this periodically. */
    public int evictExpired() {
        synchronized (writeLock) {
            List<StoredEntry> expired = expiries.pollExpired(clock.millis());
            for (StoredEntry stored : expired) {
                recency.removeExactly(stored);
                detach(stored);
                expiredEvictions.increment();
            }
            return expired.size();
        }
    }

    /**
     * The closest entry of exactly this scope that the verifier accepts: the nearest
     * {@link SemanticCacheSettings#candidates()} live entries with cosine similarity at least {@code threshold}
     * are offered to it, most similar first. A hit counts as a use of the entry.
     */
    public Optional<SemanticHit> lookup(SemanticScope scope, String prompt, float[] vector, double threshold,
                                        HitVerifier verifier) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(verifier, "verifier");
        requireDimensions(vector);
        ScopeIndex index = scopes.get(scope);
        if (index != null) {
            List<Candidate> candidates = index.nearest(vector, settings.candidates(), threshold, clock.millis());
            for (Candidate candidate : candidates) {
                SemanticEntry entry = candidate.stored().entry();
                if (verifier.accepts(entry.prompt(), prompt, candidate.similarity())) {
                    recency.touch(entry.key());
                    hits.increment();
                    return Optional.of(new SemanticHit(entry.key(), candidate.similarity()));
                }
                rejections.increment();
            }
        }
        misses.increment();
        return Optional.empty();
    }

    /** True when an entry with this key is held (expired or not); does not count as a use. */
    public boolean contains(String key) {
        return recency.contains(key);
    }

    /** Entries held, including expired ones not yet purged. */
    public int size() {
        return recency.size();
    }

    /** The counters so far. */
    public SemanticCacheStats stats() {
        return new SemanticCacheStats(hits.sum(), misses.sum(), rejections.sum(), expiredEvictions.sum(),
                capacityEvictions.sum(), recency.size());
    }

    /** True when this scope is currently searched through an HNSW graph rather than brute force. */
    public boolean approximate(SemanticScope scope) {
        ScopeIndex index = scopes.get(scope);
        return index != null && index.approximate();
    }

    // Caller holds writeLock and has already taken the entry out of the recency order.
    private void detach(StoredEntry stored) {
        stored.markRemoved();
        expiries.remove(stored);
        SemanticScope scope = stored.entry().scope();
        ScopeIndex index = scopes.get(scope);
        if (index != null) {
            index.remove(stored);
            if (index.size() == 0) {
                scopes.remove(scope, index);
            }
        }
    }

    private void requireDimensions(float[] vector) {
        if (vector.length != settings.dimensions()) {
            throw new IllegalArgumentException(
                    "expected a vector of " + settings.dimensions() + " dimensions, got " + vector.length);
        }
    }
}
