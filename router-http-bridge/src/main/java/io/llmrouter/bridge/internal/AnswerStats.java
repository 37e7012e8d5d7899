package io.llmrouter.bridge.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.llmrouter.schemas.Priority;

/**
 * Totals of the calls this bridge instance has answered, for {@code GET /stats}.
 *
 * <p>Calls whose caller went away before the answer are not counted: nobody was answered. The average latency
 * is over successful calls, so that timeouts do not pass for slow answers.
 */
public final class AnswerStats implements CallObserver {

    private long successes;
    private long failures;
    private long cacheHits;
    private long successNanos;
    private final Map<String, Long> byModel = new TreeMap<>();
    private final Map<Priority, Long> byPriority = new LinkedHashMap<>();

    @Override
    public void started(String api) {
        // Only answered calls count.
    }

    @Override
    public synchronized void finished(FinishedCall call) {
        if (call.outcome() == CallOutcome.CANCELLED) {
            return;
        }
        if (call.outcome() == CallOutcome.OK) {
            successes++;
            successNanos += call.latencyNanos();
        } else {
            failures++;
        }
        if (call.facts().cacheHit()) {
            cacheHits++;
        }
        if (call.model() != null) {
            byModel.merge(call.model(), 1L, Long::sum);
        }
        if (call.priority() != null) {
            byPriority.merge(call.priority(), 1L, Long::sum);
        }
    }

    /** The totals now. */
    public synchronized Snapshot snapshot() {
        long total = successes + failures;
        Map<String, Long> priorities = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            priorities.put(priority.name(), byPriority.getOrDefault(priority, 0L));
        }
        return new Snapshot(total, successes, failures, total == 0 ? 0.0 : round(successes / (double) total, 3),
                cacheHits, successes == 0 ? 0.0 : round(successNanos / 1e6 / successes, 1),
                new LinkedHashMap<>(byModel), priorities);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /**
     * The body of {@code GET /stats}.
     *
     * @param totalRequests      calls answered
     * @param successes          answered with a completion
     * @param failures           answered with an error
     * @param successRate        successes over total, to three decimals; 0 before any call
     * @param cacheHits          calls a cache answered
     * @param avgLatencyMs       mean latency of successful calls, to one decimal
     * @param requestsByModel    calls by the model that served them
     * @param requestsByPriority calls by priority, every priority listed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Snapshot(long totalRequests, long successes, long failures, double successRate, long cacheHits,
                           double avgLatencyMs, Map<String, Long> requestsByModel,
                           Map<String, Long> requestsByPriority) {
    }
}
