package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How workers protect themselves and callers from a failing provider.
 *
 * @param perModel                     one breaker and bulkhead per model instead of one per provider
 * @param breakerConsecutiveFailures   failures in a row that open the breaker
 * @param breakerOpenMs                how long an open breaker waits before letting test calls through
 * @param breakerHalfOpenSuccesses     successful test calls that close it again
 * @param breakerFailureRatePercent    failure rate over the window that also opens it
 * @param breakerWindowCalls           calls in the failure-rate window
 * @param retryMaxAttempts             calls per request at most, the first included
 * @param retryInitialBackoffMs        wait before the first retry; doubles each time, with jitter
 * @param retryMaxBackoffMs            longest wait between retries, including a {@code Retry-After}
 * @param maxInFlight                  calls in flight per model (or provider) at most: the bulkhead
 */
public record ResilienceConfig(
        @JsonProperty("per-model") Boolean perModel,
        @JsonProperty("breaker-consecutive-failures") Integer breakerConsecutiveFailures,
        @JsonProperty("breaker-open-ms") Long breakerOpenMs,
        @JsonProperty("breaker-half-open-successes") Integer breakerHalfOpenSuccesses,
        @JsonProperty("breaker-failure-rate-percent") Integer breakerFailureRatePercent,
        @JsonProperty("breaker-window-calls") Integer breakerWindowCalls,
        @JsonProperty("retry-max-attempts") Integer retryMaxAttempts,
        @JsonProperty("retry-initial-backoff-ms") Long retryInitialBackoffMs,
        @JsonProperty("retry-max-backoff-ms") Long retryMaxBackoffMs,
        @JsonProperty("max-in-flight") Integer maxInFlight) {

    /** The defaults: open after 5 failures in a row or 50 % of 20 calls, 60 s open, 3 successes to close. */
    public static final ResilienceConfig DEFAULTS = new ResilienceConfig(null, null, null, null, null, null, null, null,
            null, null);

    /** Settings left out take the defaults, so a file may give only what it changes. */
    public ResilienceConfig {
        perModel = perModel != null && perModel;
        breakerConsecutiveFailures = orDefault(breakerConsecutiveFailures, 5);
        breakerOpenMs = breakerOpenMs == null ? 60_000L : breakerOpenMs;
        breakerHalfOpenSuccesses = orDefault(breakerHalfOpenSuccesses, 3);
        breakerFailureRatePercent = orDefault(breakerFailureRatePercent, 50);
        breakerWindowCalls = orDefault(breakerWindowCalls, 20);
        retryMaxAttempts = orDefault(retryMaxAttempts, 3);
        retryInitialBackoffMs = retryInitialBackoffMs == null ? 250L : retryInitialBackoffMs;
        retryMaxBackoffMs = retryMaxBackoffMs == null ? 10_000L : retryMaxBackoffMs;
        maxInFlight = orDefault(maxInFlight, 256);
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
