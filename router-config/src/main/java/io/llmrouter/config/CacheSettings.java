package io.llmrouter.config;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The exact and semantic answer caches of the topology.
 *
 * @param enabled           false turns both tiers off
 * @param scope             shared by every caller, or partitioned per API key so no tenant sees another's answers
 * @param maxTemperature    only requests at or below this temperature are cached (they are deterministic enough)
 * @param absentTemperature the temperature assumed when a request gives none (the providers' default is 1)
 * @param ttlMs             how long an answer may be served after it was cached
 * @param maxEntries        answers kept in all; the least recently used go first
 * @param semantic          the semantic tier
 */
public record CacheSettings(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("scope") Scope scope,
        @JsonProperty("max-temperature") Double maxTemperature,
        @JsonProperty("absent-temperature") Double absentTemperature,
        @JsonProperty("ttl-ms") Long ttlMs,
        @JsonProperty("max-entries") Integer maxEntries,
        @JsonProperty("semantic") Semantic semantic) {

    /** Both tiers on, shared, 24 h, 100,000 answers. */
    public static final CacheSettings DEFAULTS = new CacheSettings(null, null, null, null, null, null, null);

    public CacheSettings {
        enabled = enabled == null || enabled;
        scope = scope == null ? Scope.SHARED : scope;
        maxTemperature = maxTemperature == null ? 0.3 : maxTemperature;
        absentTemperature = absentTemperature == null ? 1.0 : absentTemperature;
        ttlMs = ttlMs == null ? 24 * 3_600_000L : ttlMs;
        maxEntries = maxEntries == null ? 100_000 : maxEntries;
        semantic = semantic == null ? Semantic.DEFAULTS : semantic;
    }

    /** Who may be served an answer cached for someone else. */
    public enum Scope {
        /** Every caller shares one cache. */
        SHARED("shared"),
        /** Each API key has a cache of its own. */
        PER_KEY("per-key");

        private final String wireName;

        Scope(String wireName) {
            this.wireName = wireName;
        }

        /** The name in the YAML file. */
        @JsonValue
        public String wireName() {
            return wireName;
        }
    }

    /**
     * The semantic tier: answers for prompts that mean the same as a cached one.
     *
     * @param enabled         false keeps only the exact tier
     * @param threshold       the lowest cosine similarity that may match; by default 0.80 with the verifier, 0.98
     *                        without it (both keep false hits at or under 1% on the labelled data)
     * @param groupThresholds thresholds for particular model groups (model or virtual model names)
     * @param verify          false trusts the embeddings alone, without the second-stage check of the pair
     */
    public record Semantic(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("threshold") Double threshold,
            @JsonProperty("group-thresholds") Map<String, Double> groupThresholds,
            @JsonProperty("verify") Boolean verify) {

        /** On, with the default threshold, verified. */
        public static final Semantic DEFAULTS = new Semantic(null, null, null, null);
        /** The default threshold with the verifier; chosen from labelled paraphrase data, see docs/semantic-accuracy.md. */
        public static final double DEFAULT_THRESHOLD = 0.80;
        /** The default threshold on cosine alone: the lowest that keeps false hits at or under 1% on the same data. */
        public static final double DEFAULT_THRESHOLD_UNVERIFIED = 0.98;

        public Semantic {
            enabled = enabled == null || enabled;
            verify = verify == null || verify;
            threshold = threshold == null ? (verify ? DEFAULT_THRESHOLD : DEFAULT_THRESHOLD_UNVERIFIED) : threshold;
            groupThresholds = groupThresholds == null ? Map.of() : Map.copyOf(groupThresholds);
        }

        /** The threshold for a model group: its own, or the default one. */
        public double thresholdFor(String modelGroup) {
            return groupThresholds.getOrDefault(modelGroup, threshold);
        }
    }
}
