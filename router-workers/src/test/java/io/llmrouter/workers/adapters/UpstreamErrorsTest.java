package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmrouter.schemas.ErrorInfo;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {

    @Test
    void callerMistakesPassThroughAs400WithTheUpstreamMessage() {
        ErrorInfo error = UpstreamErrors.fromStatus("openai", 400, "temperature must be <= 2");

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.type()).isEqualTo("invalid_request_error");
        assertThat(error.message()).contains("temperature must be <= 2");
    }

    @Test
    void refusedCredentialsAreTheRoutersProblemNotTheCallers() {
        ErrorInfo error = UpstreamErrors.fromStatus("openai", 401, "Incorrect API key provided: sk-abc***");

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("upstream_auth_failed");
        assertThat(error.message()).doesNotContain("sk-abc");
    }

    @Test
    void rateLimitIsReportedAs429() {
        assertThat(UpstreamErrors.fromStatus("groq", 429, "").status()).isEqualTo(429);
    }

    @Test
    void upstreamTimeoutIsReportedAs504() {
        assertThat(UpstreamErrors.fromStatus("groq", 504, "").status()).isEqualTo(504);
    }

    @Test
    void serverErrorsAndOverloadAreReportedAs502() {
        assertThat(UpstreamErrors.fromStatus("anthropic", 529, "overloaded").status()).isEqualTo(502);
        assertThat(UpstreamErrors.fromStatus("openai", 500, "").status()).isEqualTo(502);
    }
}
