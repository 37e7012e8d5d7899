package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalDouble;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.Priority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BridgeMetricsTest {

    private final BridgeMetrics metrics = new BridgeMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    private static FinishedCall ok(String model, long latencyMs, long firstTokenMs, ReplyFacts facts) {
        return new FinishedCall(ObservedCall.CHAT, Priority.HIGH, firstTokenMs >= 0, CallOutcome.OK, "simulator", model,
                null, latencyMs * 1_000_000, firstTokenMs < 0 ? -1 : firstTokenMs * 1_000_000, facts);
    }

    private static FinishedCall failed(ErrorInfo error) {
        return new FinishedCall(ObservedCall.MESSAGES, Priority.LOW, false, CallOutcome.ERROR, null, null, error,
                2_000_000, -1, ReplyFacts.NONE);
    }

    @Test
    void answeredCallsAreCountedWithALatencyHistogramByProviderModelPriorityAndOutcome() {
        metrics.started(ObservedCall.CHAT);
        metrics.finished(ok("simulator-fast", 40, -1, ReplyFacts.NONE));

        String scrape = metrics.scrape();

        assertThat(scrape).contains("llm_router_requests_total{api=\"chat_completions\",model=\"simulator-fast\","
                + "outcome=\"ok\",priority=\"high\",provider=\"simulator\"} 1.0");
        assertThat(scrape).contains("# TYPE llm_router_request_duration_seconds histogram");
        assertThat(scrape).contains("llm_router_request_duration_seconds_bucket{api=\"chat_completions\","
                + "model=\"simulator-fast\",outcome=\"ok\",priority=\"high\",provider=\"simulator\",le=\"0.05\"} 1");
        assertThat(scrape).contains("llm_router_request_duration_seconds_bucket{api=\"chat_completions\","
                + "model=\"simulator-fast\",outcome=\"ok\",priority=\"high\",provider=\"simulator\",le=\"0.025\"} 0");
    }

    @Test
    void callsWithAVirtualKeyAreCountedByKeyId() {
        metrics.started(ObservedCall.CHAT);
        metrics.finished(new FinishedCall(ObservedCall.CHAT, Priority.NORMAL, false, CallOutcome.ERROR, null, null,
                ErrorInfo.overQuota("rate_limited", "over", 1_000L), 1_000_000, -1, ReplyFacts.NONE, "team-a"));

        assertThat(metrics.scrape()).contains("llm_router_key_requests_total{key=\"team-a\",outcome=\"error\"} 1.0")
                .contains("llm_router_errors_total{api=\"chat_completions\",cause=\"policy\",code=\"rate_limited\"");
    }

    @Test
    void errorsAreClassifiedByCauseAndCode() {
        metrics.started(ObservedCall.MESSAGES);
        metrics.finished(failed(ErrorInfo.modelNotFound("secret-looking-model")));
        metrics.started(ObservedCall.MESSAGES);
        metrics.finished(failed(ErrorInfo.timeout("late")));

        String scrape = metrics.scrape();

        assertThat(scrape).contains("llm_router_errors_total{api=\"messages\",cause=\"caller\",code=\"model_not_found\","
                + "model=\"none\",outcome=\"error\",priority=\"low\",provider=\"none\",status=\"404\"} 1.0");
        assertThat(scrape).contains("cause=\"router\",code=\"timeout\"");
        assertThat(scrape).doesNotContain("secret-looking-model");
    }

    @Test
    void tokensCostCacheHitsAndTimeToFirstTokenAreRecordedWhenTheReplyCarriesThem() {
        ReplyFacts facts = new ReplyFacts(12, 30, OptionalDouble.of(0.0042), Optional.of("exact"));
        metrics.started(ObservedCall.CHAT);
        metrics.finished(ok("simulator-smart", 300, 80, facts));

        String scrape = metrics.scrape();

        assertThat(scrape).contains("llm_router_tokens_total{kind=\"prompt\",model=\"simulator-smart\",priority=\"high\","
                + "provider=\"simulator\"} 12.0");
        assertThat(scrape).contains("llm_router_tokens_total{kind=\"completion\"");
        assertThat(scrape).contains("llm_router_cost_usd_total{model=\"simulator-smart\",priority=\"high\","
                + "provider=\"simulator\"} 0.0042");
        assertThat(scrape).contains("llm_router_cache_hits_total{model=\"simulator-smart\",priority=\"high\","
                + "provider=\"simulator\",tier=\"exact\"} 1.0");
        assertThat(scrape).contains("llm_router_time_to_first_token_seconds_bucket{api=\"chat_completions\","
                + "model=\"simulator-smart\",priority=\"high\",provider=\"simulator\",le=\"0.1\"} 1");
    }

    @Test
    void inFlightCountsCallsStartedAndNotYetFinished() {
        metrics.started(ObservedCall.CHAT);
        metrics.started(ObservedCall.CHAT);
        metrics.finished(ok("m", 1, -1, ReplyFacts.NONE));

        assertThat(metrics.scrape()).contains("llm_router_requests_in_flight{api=\"chat_completions\"} 1")
                .contains("llm_router_requests_in_flight{api=\"messages\"} 0");
    }

    @Test
    void labelValuesOutsideTheNameAlphabetAreNeutralised() {
        assertThat(BridgeMetrics.label(null)).isEqualTo("none");
        assertThat(BridgeMetrics.label("gpt-4o")).isEqualTo("gpt-4o");
        assertThat(BridgeMetrics.label("a b\"c")).isEqualTo("a_b_c");
        assertThat(BridgeMetrics.label("x".repeat(200))).hasSize(80);
    }
}
