package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.Test;

class AnswerStatsTest {

    private final AnswerStats stats = new AnswerStats();

    private static FinishedCall call(CallOutcome outcome, Priority priority, String model, long latencyMs, boolean cached) {
        ReplyFacts facts = new ReplyFacts(0, 0, OptionalDouble.empty(), cached ? Optional.of("exact") : Optional.empty());
        return new FinishedCall(ObservedCall.CHAT, priority, false, outcome, model == null ? null : "simulator", model,
                outcome == CallOutcome.ERROR ? ErrorInfo.upstream("x") : null, latencyMs * 1_000_000, -1, facts);
    }

    @Test
    void snapshotHasTheSeedsFieldsInItsShape() {
        stats.finished(call(CallOutcome.OK, Priority.HIGH, "simulator-fast", 100, false));
        stats.finished(call(CallOutcome.OK, Priority.NORMAL, "simulator-fast", 200, true));
        stats.finished(call(CallOutcome.ERROR, Priority.NORMAL, null, 30_000, false));

        JsonNode json = WireFormat.mapper().valueToTree(stats.snapshot());

        assertThat(json.toString()).isEqualTo("{\"total_requests\":3,\"successes\":2,\"failures\":1,"
                + "\"success_rate\":0.667,\"cache_hits\":1,\"avg_latency_ms\":150.0,"
                + "\"requests_by_model\":{\"simulator-fast\":2},"
                + "\"requests_by_priority\":{\"CRITICAL\":0,\"HIGH\":1,\"NORMAL\":2,\"LOW\":0}}");
    }

    @Test
    void callsWhoseCallerWentAwayAreNotCounted() {
        stats.finished(call(CallOutcome.CANCELLED, Priority.LOW, null, 5, false));

        assertThat(stats.snapshot().totalRequests()).isZero();
    }

    @Test
    void beforeAnyCallRatesAreZero() {
        AnswerStats.Snapshot empty = stats.snapshot();

        assertThat(empty.successRate()).isZero();
        assertThat(empty.avgLatencyMs()).isZero();
        assertThat(empty.requestsByPriority()).containsOnlyKeys("CRITICAL", "HIGH", "NORMAL", "LOW");
    }

    @Test
    void refusedCallsWithoutAPriorityCountOnlyInTheTotals() {
        stats.finished(new FinishedCall(ObservedCall.CHAT, null, false, CallOutcome.ERROR, null, null,
                ErrorInfo.invalidRequest("bad", null), 1_000_000, -1, ReplyFacts.NONE));

        assertThat(stats.snapshot().failures()).isEqualTo(1);
        assertThat(stats.snapshot().requestsByPriority().values()).containsOnly(0L);
    }
}
