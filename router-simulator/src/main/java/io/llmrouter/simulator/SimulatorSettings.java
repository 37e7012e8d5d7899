package io.llmrouter.simulator;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How the simulator listens, how slow it is, how often it fails and which models it serves.
 *
 * @param host           the address to bind, e.g. {@code 127.0.0.1}
 * @param port           the port to bind; {@code 0} picks a free one
 * @param latency        fixed delay before every chat completion answer
 * @param latencyJitter  extra delay drawn uniformly from {@code [0, latencyJitter]}
 * @param faults         the share of chat completions answered with each simulated fault
 * @param seed           seed of the random draws for faults and jitter, so runs are reproducible
 * @param models         the model names served; any other model gets a 404 {@code model_not_found}
 */
public record SimulatorSettings(
        String host,
        int port,
        Duration latency,
        Duration latencyJitter,
        SimulatorFaults faults,
        long seed,
        List<String> models) {

    /** The port {@code SimulatorMain} uses when none is given. */
    public static final int DEFAULT_PORT = 18090;

    public SimulatorSettings {
        Objects.requireNonNull(host, "host must not be null");
        Objects.requireNonNull(latency, "latency must not be null");
        Objects.requireNonNull(latencyJitter, "latencyJitter must not be null");
        Objects.requireNonNull(faults, "faults must not be null");
        Objects.requireNonNull(models, "models must not be null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 (0 picks a free port), got " + port);
        }
        requireNonNegative("latency", latency);
        requireNonNegative("latencyJitter", latencyJitter);
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models must name at least one model");
        }
        if (models.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("models must not contain a blank name, got " + models);
        }
        if (new HashSet<>(models).size() != models.size()) {
            throw new IllegalArgumentException("models must not repeat a name, got " + models);
        }
    }

    /** Settings with only the 500 and 429 faults, the others off. */
    public SimulatorSettings(String host, int port, Duration latency, Duration latencyJitter, double failureRate,
            double rateLimitRate, long seed, List<String> models) {
        this(host, port, latency, latencyJitter, SimulatorFaults.of(failureRate, rateLimitRate), seed, models);
    }

    /** Loopback, a free port, no latency, no faults, seed 42, models {@code simulator-fast} and {@code simulator-smart}. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings("127.0.0.1", 0, Duration.ZERO, Duration.ZERO, SimulatorFaults.NONE, 42L,
                List.of("simulator-fast", "simulator-smart"));
    }

    /** Share of chat completions answered with a simulated 500, the same as {@code faults().failureRate()}. */
    public double failureRate() {
        return faults.failureRate();
    }

    /** Share of chat completions answered with a simulated 429, the same as {@code faults().rateLimitRate()}. */
    public double rateLimitRate() {
        return faults.rateLimitRate();
    }

    public SimulatorSettings withHost(String newHost) {
        return new SimulatorSettings(newHost, port, latency, latencyJitter, faults, seed, models);
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(host, newPort, latency, latencyJitter, faults, seed, models);
    }

    public SimulatorSettings withLatency(Duration newLatency) {
        return new SimulatorSettings(host, port, newLatency, latencyJitter, faults, seed, models);
    }

    public SimulatorSettings withLatencyJitter(Duration newJitter) {
        return new SimulatorSettings(host, port, latency, newJitter, faults, seed, models);
    }

    public SimulatorSettings withFaults(SimulatorFaults newFaults) {
        return new SimulatorSettings(host, port, latency, latencyJitter, newFaults, seed, models);
    }

    public SimulatorSettings withFailureRate(double newRate) {
        return withFaults(faults.withFailureRate(newRate));
    }

    public SimulatorSettings withRateLimitRate(double newRate) {
        return withFaults(faults.withRateLimitRate(newRate));
    }

    public SimulatorSettings withOverloadRate(double newRate) {
        return withFaults(faults.withOverloadRate(newRate));
    }

    public SimulatorSettings withUnauthorizedRate(double newRate) {
        return withFaults(faults.withUnauthorizedRate(newRate));
    }

    public SimulatorSettings withMalformedRate(double newRate) {
        return withFaults(faults.withMalformedRate(newRate));
    }

    public SimulatorSettings withResetRate(double newRate) {
        return withFaults(faults.withResetRate(newRate));
    }

    public SimulatorSettings withHangRate(double newRate) {
        return withFaults(faults.withHangRate(newRate));
    }

    public SimulatorSettings withStallRate(double newRate) {
        return withFaults(faults.withStallRate(newRate));
    }

    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(host, port, latency, latencyJitter, faults, newSeed, models);
    }

    public SimulatorSettings withModels(List<String> newModels) {
        return new SimulatorSettings(host, port, latency, latencyJitter, faults, seed, newModels);
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
