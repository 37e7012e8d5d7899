package io.llmrouter.simulator.internal;

import java.util.Random;

import io.llmrouter.simulator.SimulatorSettings;

/**
 * Draws, from seeded random sources, whether a chat completion fails and how long it waits first.
 *
 * <p>Faults and jitter use separate sources so that changing the jitter never changes which requests fail.
 */
public final class FaultInjector {

    /** What a chat completion is answered with. */
    public enum Outcome { ANSWER, SERVER_ERROR, RATE_LIMITED }

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final long seed;
    private final Random faults;
    private final Random jitter;

    public FaultInjector(long seed) {
        this.seed = seed;
        this.faults = new Random(seed);
        this.jitter = new Random(~seed);
    }

    public long seed() {
        return seed;
    }

    /** One draw: a server error with probability failureRate, else a rate limit with probability rateLimitRate. */
    public Outcome draw(SimulatorSettings settings) {
        double u = faults.nextDouble();
        if (u < settings.failureRate()) {
            return Outcome.SERVER_ERROR;
        }
        if (u < settings.failureRate() + settings.rateLimitRate()) {
            return Outcome.RATE_LIMITED;
        }
        return Outcome.ANSWER;
    }

    /** The latency plus a uniform draw from {@code [0, jitter]}, rounded up to whole milliseconds (timer grain). */
    public long delayMillis(SimulatorSettings settings) {
        long nanos = settings.latency().toNanos();
        long jitterNanos = settings.latencyJitter().toNanos();
        if (jitterNanos > 0) {
            nanos += jitter.nextLong(jitterNanos + 1);
        }
        return (nanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI;
    }
}
