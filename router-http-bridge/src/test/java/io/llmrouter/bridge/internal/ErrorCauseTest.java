package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmrouter.schemas.ErrorInfo;
import org.junit.jupiter.api.Test;

class ErrorCauseTest {

    @Test
    void callersMistakesAreTheCallers() {
        assertThat(ErrorCause.of(ErrorInfo.invalidRequest("bad", null))).isEqualTo(ErrorCause.CALLER);
        assertThat(ErrorCause.of(ErrorInfo.modelNotFound("x"))).isEqualTo(ErrorCause.CALLER);
    }

    @Test
    void routingRefusalsArePolicy() {
        assertThat(ErrorCause.of(ErrorInfo.noProvider("none on"))).isEqualTo(ErrorCause.POLICY);
        assertThat(ErrorCause.of(new ErrorInfo(429, "rate_limit_error", "quota_exceeded", "spent", null)))
                .isEqualTo(ErrorCause.POLICY);
    }

    @Test
    void upstreamFailuresAreTheProviders() {
        assertThat(ErrorCause.of(ErrorInfo.upstream("down"))).isEqualTo(ErrorCause.PROVIDER);
        assertThat(ErrorCause.of(new ErrorInfo(429, "rate_limit_error", "all_candidates_failed", "429s", null)))
                .isEqualTo(ErrorCause.PROVIDER);
        assertThat(ErrorCause.of(new ErrorInfo(503, "service_unavailable", "provider_unavailable", "open", null)))
                .isEqualTo(ErrorCause.PROVIDER);
    }

    @Test
    void theBridgesOwnFailuresAreTheRouters() {
        assertThat(ErrorCause.of(ErrorInfo.timeout("no reply"))).isEqualTo(ErrorCause.ROUTER);
        assertThat(ErrorCause.of(ErrorInfo.internal("bug"))).isEqualTo(ErrorCause.ROUTER);
        assertThat(ErrorCause.of(new ErrorInfo(503, "service_unavailable", "kafka_unavailable", "x", null)))
                .isEqualTo(ErrorCause.ROUTER);
    }

    @Test
    void aTimeoutOfAServedCallIsTheProvidersNotTheRouters() {
        assertThat(ErrorCause.of(ErrorInfo.timeout("stream stalled"), "openai")).isEqualTo(ErrorCause.PROVIDER);
        assertThat(ErrorCause.of(ErrorInfo.timeout("no reply"), null)).isEqualTo(ErrorCause.ROUTER);
    }

    @Test
    void anUpstreamRefusalOfTheRequestIsStillTheCallers() {
        assertThat(ErrorCause.of(new ErrorInfo(400, "invalid_request_error", "upstream_rejected_request", "bad", null),
                "openai")).isEqualTo(ErrorCause.CALLER);
    }
}
