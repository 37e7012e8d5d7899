package io.llmrouter.streams.internal.cache;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "semantic-index-writer");
        thread.setDaemon(true);
        return thread;
    });

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

    // One writer thread owns every change to the index: inserting into a large HNSW graph takes milliseconds
    // and a graph rebuild far longer, and the global store's thread must never wait for either.
    @Override
    public void put(SemanticEntry entry) {
        write(() -> index.put(entry));
    }

    @Override
    public void remove(String key) {
        write(() -> index.remove(key));
    }

    @Override
    public int pendingWrites() {
        return pending.get();
    }

    private void write(Runnable change) {
        pending.incrementAndGet();
        writer.execute(() -> {
            try {
                change.run();
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    @Override
    public void putInBackground(List<SemanticEntry> entries) {
        long started = System.nanoTime();
        entries.forEach(this::put);
        writer.execute(() -> LOG.info("Semantic index rebuilt with {} prompts in {} ms", entries.size(),
                (System.nanoTime() - started) / 1_000_000));
    }

    @Override
    public void awaitWrites() {
        try {
            writer.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("semantic index writer failed", e.getCause());
        }
    }

    @Override
    public Optional<SemanticCacheStats> stats() {
        return Optional.of(index.stats());
    }

    @Override
    public void close() {
        writer.shutdownNow();
        embedder.close();
    }
}
