package io.llmrouter.workers.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.llmrouter.config.ResilienceConfig;
import io.llmrouter.workers.UpstreamResult;

/**
 * The circuit breakers and the bulkhead of one provider (or one model), and its recent latency.
 *
 * <p>Two breakers, both resilience4j: one over the last N calls at a 100 % threshold, which is
 * "open after N consecutive failures", and one at a failure rate over a longer window. A call goes
 * out only when both let it.
 */
public final class ProviderGuard {

    private static final double EWMA_WEIGHT = 0.2;

    private final String name;
    private final CircuitBreaker consecutive;
    private final CircuitBreaker rate;
    private final Bulkhead bulkhead;
    private volatile double latencyMs;
    private volatile double rateLimitedShare;
    private volatile double errorShare;

    public ProviderGuard(String name, ResilienceConfig config, Clock clock) {
        this.name = name;
        this.consecutive = CircuitBreaker.of(name + "-consecutive", breaker(config, config.breakerConsecutiveFailures(),
                100, clock));
        this.rate = CircuitBreaker.of(name + "-rate", breaker(config, config.breakerWindowCalls(),
                config.breakerFailureRatePercent(), clock));
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(config.maxInFlight()).maxWaitDuration(Duration.ZERO).build());
    }

    private static CircuitBreakerConfig breaker(ResilienceConfig config, int window, int thresholdPercent, Clock clock) {
        return CircuitBreakerConfig.custom()
                .slidingWindow(window, window, SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(thresholdPercent)
                .waitDurationInOpenState(Duration.ofMillis(config.breakerOpenMs()))
                .permittedNumberOfCallsInHalfOpenState(config.breakerHalfOpenSuccesses())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .currentTimestampFunction(c -> c.millis(), TimeUnit.MILLISECONDS)
                .build();
    }

    /** Takes a place in the bulkhead; false when the model already has its maximum in flight. */
    public boolean enter() {
        return bulkhead.tryAcquirePermission();
    }

    /** Gives the bulkhead place back. */
    public void leave() {
        bulkhead.onComplete();
    }

    /** True when both breakers let a call out; takes a half-open trial permit where one is needed. */
    public boolean permitCall() {
        if (!consecutive.tryAcquirePermission()) {
            return false;
        }
        if (!rate.tryAcquirePermission()) {
            consecutive.releasePermission();
            return false;
        }
        return true;
    }

    /** Records how a permitted call went. */
    public void record(UpstreamResult result) {
        long millis = result.latencyMs();
        latencyMs = latencyMs == 0 ? millis : latencyMs + EWMA_WEIGHT * (millis - latencyMs);
        boolean limited = result.failure() == UpstreamResult.Failure.RATE_LIMITED;
        rateLimitedShare += EWMA_WEIGHT * ((limited ? 1 : 0) - rateLimitedShare);
        boolean failed = countsAgainstProvider(result.failure());
        errorShare += EWMA_WEIGHT * ((failed ? 1 : 0) - errorShare);
        if (failed) {
            UpstreamFailure failure = new UpstreamFailure(result);
            boolean trial = consecutive.getState() == CircuitBreaker.State.HALF_OPEN
                    || rate.getState() == CircuitBreaker.State.HALF_OPEN;
            consecutive.onError(millis, TimeUnit.MILLISECONDS, failure);
            rate.onError(millis, TimeUnit.MILLISECONDS, failure);
            if (trial) {
                // One failed trial is enough to open again; resilience4j would wait for every trial and
                // apply the closed-state threshold to them.
                consecutive.transitionToOpenState();
                rate.transitionToOpenState();
            }
        } else {
            consecutive.onSuccess(millis, TimeUnit.MILLISECONDS);
            rate.onSuccess(millis, TimeUnit.MILLISECONDS);
        }
    }

    /** The caller's mistakes and rate limits say nothing about the provider's health; everything else does. */
    private static boolean countsAgainstProvider(UpstreamResult.Failure failure) {
        return switch (failure) {
            case NONE, INVALID_REQUEST, RATE_LIMITED, MODEL_NOT_FOUND, REJECTED -> false;
            default -> true;
        };
    }

    /** What the guard looks like now, for health events. */
    public Snapshot snapshot() {
        CircuitBreaker.State a = consecutive.getState();
        CircuitBreaker.State b = rate.getState();
        String state = a == CircuitBreaker.State.OPEN || b == CircuitBreaker.State.OPEN ? "open"
                : a == CircuitBreaker.State.HALF_OPEN || b == CircuitBreaker.State.HALF_OPEN ? "half_open" : "closed";
        // The breaker's own rate is unknown until its window is full; the moving share always says something.
        float failureRate = rate.getMetrics().getFailureRate();
        double errorRate = failureRate < 0 ? errorShare : failureRate / 100.0;
        return new Snapshot(name, state, latencyMs, errorRate, rateLimitedShare,
                bulkhead.getBulkheadConfig().getMaxConcurrentCalls() - bulkhead.getMetrics().getAvailableConcurrentCalls());
    }

    /**
     * One guard's state.
     *
     * @param name            provider, or provider/model
     * @param breakerState    {@code closed}, {@code open} or {@code half_open}
     * @param latencyMs       moving average of call latency
     * @param errorRate       failure share over the rate window once it is full, else a moving share; 0 to 1
     * @param rateLimitedRate moving share of 429 answers
     * @param inFlight        calls under way
     */
    public record Snapshot(String name, String breakerState, double latencyMs, double errorRate, double rateLimitedRate,
                           int inFlight) {
    }

    /** Carries a failed result into the breaker, which records throwables. */
    static final class UpstreamFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UpstreamFailure(UpstreamResult result) {
            super(result.failure() + ": " + result.error().message(), null, false, false);
        }
    }
}
