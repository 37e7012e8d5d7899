package io.llmrouter.streams.internal.cache;

import java.util.List;
import java.util.Optional;

import io.llmrouter.cache.SemanticCacheStats;
import io.llmrouter.cache.SemanticEntry;
import io.llmrouter.cache.SemanticHit;
import io.llmrouter.cache.SemanticScope;

/** The semantic cache as the topology uses it: one per streams instance, shared by its stream threads. */
public interface SemanticTier extends AutoCloseable {

    /** No semantic tier: every lookup misses and nothing is embedded. */
    SemanticTier OFF = new SemanticTier() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Lookup lookup(SemanticScope scope, String prompt) {
            return new Lookup(null, Optional.empty());
        }

        @Override
        public void put(SemanticEntry entry) {
        }

        @Override
        public void remove(String key) {
        }
    };

    /** False when the tier is switched off. */
    boolean enabled();

    /** Embeds the prompt and looks for a cached prompt that means the same within the scope. */
    Lookup lookup(SemanticScope scope, String prompt);

    /** Makes a cached answer findable by meaning, soon: the index is written in the background. */
    void put(SemanticEntry entry);

    /** Forgets a cached answer. */
    void remove(String key);

    /**
     * Makes many cached answers findable without holding up the caller: a restarted instance serves exact
     * hits at once and semantic hits as the index fills.
     */
    default void putInBackground(List<SemanticEntry> entries) {
        entries.forEach(this::put);
    }

    /** Waits until every put and remove so far has reached the index (writes are applied in the background). */
    default void awaitWrites() {
    }

    /** Puts and removes waiting to reach the index: how far it lags behind the store. */
    default int pendingWrites() {
        return 0;
    }

    /** The index's counters; empty when the tier is off. */
    default Optional<SemanticCacheStats> stats() {
        return Optional.empty();
    }

    /** Frees the embedding model, if any. */
    @Override
    default void close() {
    }

    /**
     * The outcome of a lookup.
     *
     * @param vector the prompt's embedding, kept so the answer can be cached under it; null when the tier is off
     * @param hit    the match, if any
     */
    record Lookup(float[] vector, Optional<SemanticHit> hit) {
    }
}
