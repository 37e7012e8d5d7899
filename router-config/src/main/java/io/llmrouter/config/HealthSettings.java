package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the workers' health events on {@code llm.health} steer routing.
 *
 * @param enabled                 false ignores health events altogether
 * @param maxAgeMs                events older than this say nothing any more (workers report every 5 s)
 * @param assumedLatencyMs        latency assumed for a deployment with no recent report
 * @param latencySmoothing        weight of a new report in the router's moving average of latency, 0 to 1
 * @param skipRateLimitedRate     a deployment whose recent share of 429 answers reaches this is skipped
 * @param halfOpenFactor          score multiplier of a deployment whose breaker is trying calls again
 */
public record HealthSettings(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("max-age-ms") Long maxAgeMs,
        @JsonProperty("assumed-latency-ms") Double assumedLatencyMs,
        @JsonProperty("latency-smoothing") Double latencySmoothing,
        @JsonProperty("skip-rate-limited-rate") Double skipRateLimitedRate,
        @JsonProperty("half-open-factor") Double halfOpenFactor) {

    /** On; 30 s; 1 s assumed; 0.3 smoothing; skip at 50 % 429s; half-open counts half. */
    public static final HealthSettings DEFAULTS = new HealthSettings(null, null, null, null, null, null);

    public HealthSettings {
        enabled = enabled == null || enabled;
        maxAgeMs = maxAgeMs == null ? 30_000L : maxAgeMs;
        assumedLatencyMs = assumedLatencyMs == null ? 1_000.0 : assumedLatencyMs;
        latencySmoothing = latencySmoothing == null ? 0.3 : latencySmoothing;
        skipRateLimitedRate = skipRateLimitedRate == null ? 0.5 : skipRateLimitedRate;
        halfOpenFactor = halfOpenFactor == null ? 0.5 : halfOpenFactor;
    }
}
