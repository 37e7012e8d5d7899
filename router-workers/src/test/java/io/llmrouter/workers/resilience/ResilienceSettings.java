package io.llmrouter.workers.resilience;

import io.llmrouter.config.ResilienceConfig;

/**
 * Builds a {@link ResilienceConfig} for tests: the documented defaults, except a 1 ms first retry
 * backoff so that retries through a real scheduler take no noticeable time.
 */
final class ResilienceSettings {

    private boolean perModel;
    private Integer retryMaxAttempts;
    private long retryInitialBackoffMs = 1;
    private Long retryMaxBackoffMs;
    private Integer maxInFlight;
    private Long breakerOpenMs;

    private ResilienceSettings() {
    }

    static ResilienceSettings defaults() {
        return new ResilienceSettings();
    }

    ResilienceSettings perModel(boolean value) {
        perModel = value;
        return this;
    }

    /** One call per request: what a breaker sees is exactly what the test sends. */
    ResilienceSettings noRetries() {
        return retryMaxAttempts(1);
    }

    ResilienceSettings retryMaxAttempts(int value) {
        retryMaxAttempts = value;
        return this;
    }

    ResilienceSettings retryBackoffMs(long initial, long max) {
        retryInitialBackoffMs = initial;
        retryMaxBackoffMs = max;
        return this;
    }

    ResilienceSettings maxInFlight(int value) {
        maxInFlight = value;
        return this;
    }

    ResilienceSettings breakerOpenMs(long value) {
        breakerOpenMs = value;
        return this;
    }

    ResilienceConfig build() {
        return new ResilienceConfig(perModel, null, breakerOpenMs, null, null, null, retryMaxAttempts,
                retryInitialBackoffMs, retryMaxBackoffMs, maxInFlight);
    }
}
