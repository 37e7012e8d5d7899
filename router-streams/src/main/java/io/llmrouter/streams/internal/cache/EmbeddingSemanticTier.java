package io.llmrouter.streams.internal.cache;

import java.util.List;
import java.util.Optional;

import io.llmrouter.cache.Embedder;
import io.llmrouter.cache.HitVerifier;
import io.llmrouter.cache.SemanticCache;
import io.llmrouter.cache.SemanticCacheStats;
import io.llmrouter.cache.SemanticEntry;
import io.llmrouter.cache.SemanticHit;
import io.llmrouter.cache.SemanticScope;
import io.llmrouter.config.CacheSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The semantic tier on a local embedding model, an in-memory nearest-neighbour index and a hit verifier. */
final class EmbeddingSemanticTier implements SemanticTier {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingSemanticTier.class);

    private final Embedder embedder;
    private final SemanticCache index;
    private final HitVerifier verifier;
    private final CacheSettings.Semantic settings;
    private volatile boolean closed;

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

    // The index takes one writer at a time: the global store's thread, and the rebuild after a restart.
    @Override
    public synchronized void put(SemanticEntry entry) {
        index.put(entry);
    }

    @Override
    public synchronized void remove(String key) {
        index.remove(key);
    }

    @Override
    public void putInBackground(List<SemanticEntry> entries) {
        Thread rebuild = new Thread(() -> {
            long started = System.nanoTime();
            for (SemanticEntry entry : entries) {
                if (closed) {
                    return;
                }
                put(entry);
            }
            LOG.info("Semantic index rebuilt with {} prompts in {} ms", entries.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }, "semantic-index-rebuild");
        rebuild.setDaemon(true);
        rebuild.start();
    }

    @Override
    public Optional<SemanticCacheStats> stats() {
        return Optional.of(index.stats());
    }

    @Override
    public void close() {
        closed = true;
        embedder.close();
    }
}
