package io.llmrouter.streams.internal.cache;

import java.nio.file.Path;
import java.time.Clock;

import io.llmrouter.cache.BatchingEmbedder;
import io.llmrouter.cache.HitVerifier;
import io.llmrouter.cache.ParaphraseVerifier;
import io.llmrouter.cache.SemanticCache;
import io.llmrouter.cache.SemanticCacheSettings;
import io.llmrouter.cache.SharedMiniLm;
import io.llmrouter.config.CacheSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the semantic tier the configuration asks for. */
public final class SemanticTiers {

    private static final Logger LOG = LoggerFactory.getLogger(SemanticTiers.class);
    /** Concurrent lookups from stream threads are embedded together, up to this many at once. */
    private static final int MAX_BATCH = 32;

    private SemanticTiers() {
    }

    /**
     * The tier for these settings; off when the caches or the semantic tier are switched off.
     *
     * @param modelDirectory where the embedding model's files are unpacked
     */
    public static SemanticTier from(CacheSettings settings, Clock clock, Path modelDirectory) {
        if (!settings.enabled() || !settings.semantic().enabled()) {
            return SemanticTier.OFF;
        }
        long started = System.nanoTime();
        SharedMiniLm.Lease model = SharedMiniLm.acquire(modelDirectory);
        SemanticCache index = new SemanticCache(SemanticCacheSettings.defaults()
                .withDimensions(model.dimensions()).withMaxEntries(settings.maxEntries()), clock);
        HitVerifier verifier = settings.semantic().verify() ? ParaphraseVerifier.fitted() : HitVerifier.COSINE_ONLY;
        LOG.info("Semantic cache on: MiniLM loaded in {} ms, threshold {}, verifier {}",
                (System.nanoTime() - started) / 1_000_000, settings.semantic().threshold(),
                settings.semantic().verify() ? "on" : "off");
        return new EmbeddingSemanticTier(new BatchingEmbedder(model, MAX_BATCH), index, verifier, settings.semantic());
    }
}
