package io.llmrouter.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How often each simulated fault answers a chat completion, each a share of requests from 0 to 1.
 *
 * <p>One draw per request picks the outcome, so the rates together must not exceed 1; whatever share is left over
 * gets a normal answer.
 *
 * @param failureRate       a 500 {@code server_error}
 * @param rateLimitRate     a 429 {@code rate_limit_exceeded} with {@code retry-after: 1}
 * @param overloadRate      a 529 with Anthropic's {@code overloaded_error} body
 * @param unauthorizedRate  a 401 with OpenAI's {@code invalid_api_key} error object
 * @param malformedRate     a 200 whose body is an HTML page, not JSON
 * @param resetRate         the connection is reset without an answer
 * @param hangRate          the request is read and never answered, the connection kept open
 * @param stallRate         a stream sends its first chunk and then goes silent; a non-streaming request hangs
 */
public record SimulatorFaults(
        double failureRate,
        double rateLimitRate,
        double overloadRate,
        double unauthorizedRate,
        double malformedRate,
        double resetRate,
        double hangRate,
        double stallRate) {

    /** No faults: every valid request gets an answer. */
    public static final SimulatorFaults NONE = new SimulatorFaults(0, 0, 0, 0, 0, 0, 0, 0);

    // Summing eight decimal shares can land a hair above 1 (0.1 + 0.2 + 0.7), which the user did not mean.
    private static final double SUM_TOLERANCE = 1e-9;

    public SimulatorFaults {
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("failureRate", failureRate);
        rates.put("rateLimitRate", rateLimitRate);
        rates.put("overloadRate", overloadRate);
        rates.put("unauthorizedRate", unauthorizedRate);
        rates.put("malformedRate", malformedRate);
        rates.put("resetRate", resetRate);
        rates.put("hangRate", hangRate);
        rates.put("stallRate", stallRate);
        rates.forEach(SimulatorFaults::requireRate);
        double sum = rates.values().stream().mapToDouble(Double::doubleValue).sum();
        if (sum > 1.0 + SUM_TOLERANCE) {
            StringJoiner terms = new StringJoiner(" + ");
            rates.forEach((name, rate) -> {
                if (rate > 0) {
                    terms.add(name + " " + rate);
                }
            });
            throw new IllegalArgumentException("fault rates must add up to at most 1 (one draw picks the outcome"
                    + " of each request), got " + terms + " = " + sum);
        }
    }

    /** Only the two original faults, as the eight-argument {@link SimulatorSettings} constructor sets them. */
    public static SimulatorFaults of(double failureRate, double rateLimitRate) {
        return new SimulatorFaults(failureRate, rateLimitRate, 0, 0, 0, 0, 0, 0);
    }

    public SimulatorFaults withFailureRate(double rate) {
        return new SimulatorFaults(rate, rateLimitRate, overloadRate, unauthorizedRate, malformedRate, resetRate,
                hangRate, stallRate);
    }

    public SimulatorFaults withRateLimitRate(double rate) {
        return new SimulatorFaults(failureRate, rate, overloadRate, unauthorizedRate, malformedRate, resetRate,
                hangRate, stallRate);
    }

    public SimulatorFaults withOverloadRate(double rate) {
        return new SimulatorFaults(failureRate, rateLimitRate, rate, unauthorizedRate, malformedRate, resetRate,
                hangRate, stallRate);
    }

    public SimulatorFaults withUnauthorizedRate(double rate) {
        return new SimulatorFaults(failureRate, rateLimitRate, overloadRate, rate, malformedRate, resetRate,
                hangRate, stallRate);
    }

    public SimulatorFaults withMalformedRate(double rate) {
        return new SimulatorFaults(failureRate, rateLimitRate, overloadRate, unauthorizedRate, rate, resetRate,
                hangRate, stallRate);
    }

    public SimulatorFaults withResetRate(double rate) {
        return new SimulatorFaults(failureRate, rateLimitRate, overloadRate, unauthorizedRate, malformedRate, rate,
                hangRate, stallRate);
    }

    public SimulatorFaults withHangRate(double rate) {
        return new SimulatorFaults(failureRate, rateLimitRate, overloadRate, unauthorizedRate, malformedRate,
                resetRate, rate, stallRate);
    }

    public SimulatorFaults withStallRate(double rate) {
        return new SimulatorFaults(failureRate, rateLimitRate, overloadRate, unauthorizedRate, malformedRate,
                resetRate, hangRate, rate);
    }

    private static void requireRate(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
