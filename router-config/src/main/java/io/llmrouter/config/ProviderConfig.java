package io.llmrouter.config;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An upstream LLM provider: how to reach it and what it serves.
 *
 * @param kind           adapter family: {@code openai} (and compatible presets), {@code ollama} or {@code simulator}
 * @param baseUrl        the API root, e.g. {@code https://api.openai.com/v1}
 * @param apiKey         the key sent upstream; a cloud provider without one is off
 * @param requiresApiKey whether the provider is off without a key (default: true for cloud kinds)
 * @param onlyWhenReachable use the provider only if its base URL answers at start-up (local servers such as Ollama)
 * @param timeoutMs      how long one upstream call may take
 * @param models         the models it serves, by the name callers and routes use
 * @param simulation     latency and fault settings, for the {@code simulator} kind only
 * @param options        adapter settings, e.g. {@code api-version} for Azure or {@code anthropic-version}
 * @param resilience     circuit breaker, retry, time limit and bulkhead settings
 * @param quota          tokens, requests and spend the whole provider may use; unlimited when absent
 */
public record ProviderConfig(
        @JsonProperty("kind") String kind,
        @JsonProperty("base-url") String baseUrl,
        @JsonProperty("api-key") Secret apiKey,
        @JsonProperty("requires-api-key") Boolean requiresApiKey,
        @JsonProperty("only-when-reachable") boolean onlyWhenReachable,
        @JsonProperty("timeout-ms") Long timeoutMs,
        @JsonProperty("models") Map<String, ModelConfig> models,
        @JsonProperty("simulation") SimulationConfig simulation,
        @JsonProperty("options") Map<String, String> options,
        @JsonProperty("resilience") ResilienceConfig resilience,
        @JsonProperty("quota") QuotaConfig quota) {

    public ProviderConfig {
        java.util.Optional<ProviderPreset> preset = ProviderPreset.of(kind);
        baseUrl = baseUrl == null || baseUrl.isBlank() ? preset.flatMap(ProviderPreset::defaultBaseUrl).orElse(baseUrl) : baseUrl;
        apiKey = apiKey == null ? Secret.empty() : apiKey;
        requiresApiKey = requiresApiKey == null ? preset.map(ProviderPreset::cloud).orElse(true) : requiresApiKey;
        timeoutMs = timeoutMs == null ? 60_000L : timeoutMs;
        models = models == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        options = options == null ? Map.of() : Map.copyOf(options);
        resilience = resilience == null ? ResilienceConfig.DEFAULTS : resilience;
        quota = quota == null ? QuotaConfig.UNLIMITED : quota;
    }

    /** A provider without a quota. */
    public ProviderConfig(String kind, String baseUrl, Secret apiKey, Boolean requiresApiKey, boolean onlyWhenReachable,
                          Long timeoutMs, Map<String, ModelConfig> models, SimulationConfig simulation,
                          Map<String, String> options, ResilienceConfig resilience) {
        this(kind, baseUrl, apiKey, requiresApiKey, onlyWhenReachable, timeoutMs, models, simulation, options,
                resilience, null);
    }

    /** A provider of the given kind and base URL with defaults for everything else, e.g. for tests. */
    public static ProviderConfig of(String kind, String baseUrl, Secret apiKey, Map<String, ModelConfig> models) {
        return new ProviderConfig(kind, baseUrl, apiKey, null, false, null, models, null, null, null);
    }

    /** The same provider at another base URL. */
    public ProviderConfig withBaseUrl(String url) {
        return new ProviderConfig(kind, url, apiKey, requiresApiKey, onlyWhenReachable, timeoutMs, models, simulation,
                options, resilience, quota);
    }

    /** The same provider with other simulator settings. */
    public ProviderConfig withSimulation(SimulationConfig newSimulation) {
        return new ProviderConfig(kind, baseUrl, apiKey, requiresApiKey, onlyWhenReachable, timeoutMs, models,
                newSimulation, options, resilience, quota);
    }

    /** The same provider with another time limit per call. */
    public ProviderConfig withTimeoutMs(long newTimeoutMs) {
        return new ProviderConfig(kind, baseUrl, apiKey, requiresApiKey, onlyWhenReachable, newTimeoutMs, models,
                simulation, options, resilience, quota);
    }

    /** The same provider with other resilience settings. */
    public ProviderConfig withResilience(ResilienceConfig newResilience) {
        return new ProviderConfig(kind, baseUrl, apiKey, requiresApiKey, onlyWhenReachable, timeoutMs, models,
                simulation, options, newResilience, quota);
    }

    /** The same provider with another quota. */
    public ProviderConfig withQuota(QuotaConfig newQuota) {
        return new ProviderConfig(kind, baseUrl, apiKey, requiresApiKey, onlyWhenReachable, timeoutMs, models,
                simulation, options, resilience, newQuota);
    }

    /** The same provider with another configuration of one model. */
    public ProviderConfig withModel(String name, ModelConfig model) {
        Map<String, ModelConfig> changed = new LinkedHashMap<>(models);
        changed.put(name, model);
        return new ProviderConfig(kind, baseUrl, apiKey, requiresApiKey, onlyWhenReachable, timeoutMs, changed,
                simulation, options, resilience, quota);
    }

    /** The name the upstream knows a configured model by: its {@code upstream-name}, or the key itself. */
    public String upstreamName(String model) {
        ModelConfig config = models.get(model);
        return config == null || config.upstreamName() == null ? model : config.upstreamName();
    }

    /** True when the provider can be used by configuration alone (its key is set, or it needs none). */
    public boolean hasCredentials() {
        return !requiresApiKey || !apiKey.isEmpty();
    }

    /** True for a local upstream, which costs nothing and serves when every cloud quota is gone. */
    public boolean isLocal() {
        return ProviderPreset.of(kind).map(p -> !p.cloud()).orElse(false);
    }

    /**
     * Latency and faults of the built-in simulator.
     *
     * @param latencyMs      fixed delay before each answer
     * @param jitterMs       extra uniform random delay
     * @param failureRate    share of calls answered 500, 0 to 1
     * @param rateLimitRate  share of calls answered 429, 0 to 1
     * @param seed           seed of the fault draw, for reproducible runs
     * @param faults         shares of the other faults: 529 overload, 401, malformed body, reset, hang, stalled stream
     */
    public record SimulationConfig(
            @JsonProperty("latency-ms") long latencyMs,
            @JsonProperty("jitter-ms") long jitterMs,
            @JsonProperty("failure-rate") double failureRate,
            @JsonProperty("rate-limit-rate") double rateLimitRate,
            @JsonProperty("seed") long seed,
            @JsonProperty("faults") Faults faults) {

        /** No latency, no faults. */
        public static final SimulationConfig IDEAL = new SimulationConfig(0, 0, 0, 0, 42, null);

        public SimulationConfig {
            faults = faults == null ? Faults.NONE : faults;
        }

        /** Latency and the two common faults only. */
        public SimulationConfig(long latencyMs, long jitterMs, double failureRate, double rateLimitRate, long seed) {
            this(latencyMs, jitterMs, failureRate, rateLimitRate, seed, null);
        }
    }

    /**
     * Shares of the rarer simulated faults, 0 to 1 each; with the failure and rate-limit rates they add up to at most 1.
     *
     * @param overloadRate     529 overloaded, as Anthropic sends
     * @param unauthorizedRate 401 invalid key
     * @param malformedRate    200 with a body that is not JSON
     * @param resetRate        connection closed without an answer
     * @param hangRate         never answered
     * @param stallRate        a stream that stops after its first chunk
     */
    public record Faults(
            @JsonProperty("overload-rate") double overloadRate,
            @JsonProperty("unauthorized-rate") double unauthorizedRate,
            @JsonProperty("malformed-rate") double malformedRate,
            @JsonProperty("reset-rate") double resetRate,
            @JsonProperty("hang-rate") double hangRate,
            @JsonProperty("stall-rate") double stallRate) {

        /** No rare faults. */
        public static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0);
    }
}
