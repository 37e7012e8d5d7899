package io.llmrouter.simulator.internal;

import java.util.Random;

import io.llmrouter.simulator.SimulatorFaults;
import io.llmrouter.simulator.SimulatorSettings;

/**
 * Draws, from seeded random sources, whether a chat completion fails and how long it waits first.
 *
 * <p>Faults and jitter use separate sources so that changing the jitter never changes which requests fail.
 */
public final class FaultInjector {

    /** What a chat completion is answered with. */
    public enum Outcome { ANSWER, SERVER_ERROR, RATE_LIMITED, OVERLOADED, UNAUTHORIZED, MALFORMED, RESET, HANG, STALL }

    private static final long NANOS_PER_MILLI = 1_000_000L;
    // In the order of the slices drawn from, which is the order of the rates in SimulatorFaults.
    private static final Outcome[] FAULTS = {Outcome.SERVER_ERROR, Outcome.RATE_LIMITED, Outcome.OVERLOADED,
        Outcome.UNAUTHORIZED, Outcome.MALFORMED, Outcome.RESET, Outcome.HANG, Outcome.STALL};

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

    /**
     * One draw picks the outcome: each fault takes its rate's slice of {@code [0, 1)}, the rest is an answer.
     *
     * <p>The 500 and 429 slices come first, so seeds keep giving the same sequence they gave before the other
     * faults existed.
     */
    public Outcome draw(SimulatorSettings settings) {
        SimulatorFaults rates = settings.faults();
        double u = faults.nextDouble();
        double[] slices = {rates.failureRate(), rates.rateLimitRate(), rates.overloadRate(), rates.unauthorizedRate(),
            rates.malformedRate(), rates.resetRate(), rates.hangRate(), rates.stallRate()};
        double bound = 0;
        for (int i = 0; i < slices.length; i++) {
            bound += slices[i];
            if (u < bound) {
                return FAULTS[i];
            }
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
