package io.llmrouter.streams.internal.cache;

import java.util.Optional;

import io.llmrouter.cache.Embedder;
import io.llmrouter.cache.HitVerifier;
import io.llmrouter.cache.SemanticCache;
import io.llmrouter.cache.SemanticCacheStats;
import io.llmrouter.cache.SemanticEntry;
import io.llmrouter.cache.SemanticHit;
import io.llmrouter.cache.SemanticScope;
import io.llmrouter.config.CacheSettings;

/** The semantic tier on a local embedding model, an in-memory nearest-neighbour index and a hit verifier. */
final class EmbeddingSemanticTier implements SemanticTier {

    private final Embedder embedder;
    private final SemanticCache index;
    private final HitVerifier verifier;
    private final CacheSettings.Semantic settings;

    EmbeddingSemanticTier(Embedder embedder, SemanticCache index, HitVerifier verifier, CacheSettings.Semantic settings) {
        this.embedder = embedder;
        this.index = index;
        this.verifier = verifier;
        this.settings = settings;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Lookup lookup(SemanticScope scope, String prompt) {
        float[] vector = embedder.embed(prompt);
        Optional<SemanticHit> hit = index.lookup(scope, prompt, vector, settings.thresholdFor(scope.modelGroup()),
                verifier);
        return new Lookup(vector, hit);
    }

    @Override
    public void put(SemanticEntry entry) {
        index.put(entry);
    }

    @Override
    public void remove(String key) {
        index.remove(key);
    }

    @Override
    public Optional<SemanticCacheStats> stats() {
        return Optional.of(index.stats());
    }

    @Override
    public void close() {
        embedder.close();
    }
}
