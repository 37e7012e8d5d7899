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
        @JsonProperty("per-model") boolean perModel,
        @JsonProperty("breaker-consecutive-failures") int breakerConsecutiveFailures,
        @JsonProperty("breaker-open-ms") long breakerOpenMs,
        @JsonProperty("breaker-half-open-successes") int breakerHalfOpenSuccesses,
        @JsonProperty("breaker-failure-rate-percent") int breakerFailureRatePercent,
        @JsonProperty("breaker-window-calls") int breakerWindowCalls,
        @JsonProperty("retry-max-attempts") int retryMaxAttempts,
        @JsonProperty("retry-initial-backoff-ms") long retryInitialBackoffMs,
        @JsonProperty("retry-max-backoff-ms") long retryMaxBackoffMs,
        @JsonProperty("max-in-flight") int maxInFlight) {

    /** The defaults: open after 5 failures in a row or 50 % of 20 calls, 60 s open, 3 successes to close. */
    public static final ResilienceConfig DEFAULTS = new ResilienceConfig(false, 5, 60_000, 3, 50, 20, 3, 250, 10_000, 64);
}
