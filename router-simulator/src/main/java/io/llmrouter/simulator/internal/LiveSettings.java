package io.llmrouter.simulator.internal;

import java.util.Objects;

import io.llmrouter.simulator.SimulatorSettings;

/** The settings in force, swapped atomically when they change at run time. */
public final class LiveSettings {

    /** A consistent pair of settings and the fault source drawn with them. */
    public record Current(SimulatorSettings settings, FaultInjector faults) {
    }

    private volatile Current current;

    public LiveSettings(SimulatorSettings initial) {
        this.current = new Current(Objects.requireNonNull(initial, "settings"), new FaultInjector(initial.seed()));
    }

    public Current current() {
        return current;
    }

    /** Puts {@code next} in force; the random sources start over only when the seed changes. */
    public synchronized void replace(SimulatorSettings next) {
        Objects.requireNonNull(next, "settings");
        FaultInjector faults = current.faults();
        if (faults.seed() != next.seed()) {
            faults = new FaultInjector(next.seed());
        }
        current = new Current(next, faults);
    }
}
