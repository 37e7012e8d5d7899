package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmrouter.schemas.ErrorInfo;
import org.junit.jupiter.api.Test;

class AnthropicErrorsTest {

    @Test
    void errorTypeFollowsTheStatusAsAnthropicDocumentsIt() {
        assertThat(AnthropicErrors.type(400)).isEqualTo("invalid_request_error");
        assertThat(AnthropicErrors.type(401)).isEqualTo("authentication_error");
        assertThat(AnthropicErrors.type(403)).isEqualTo("permission_error");
        assertThat(AnthropicErrors.type(404)).isEqualTo("not_found_error");
        assertThat(AnthropicErrors.type(405)).isEqualTo("invalid_request_error");
        assertThat(AnthropicErrors.type(413)).isEqualTo("request_too_large");
        assertThat(AnthropicErrors.type(429)).isEqualTo("rate_limit_error");
        assertThat(AnthropicErrors.type(500)).isEqualTo("api_error");
        assertThat(AnthropicErrors.type(502)).isEqualTo("api_error");
        assertThat(AnthropicErrors.type(504)).isEqualTo("api_error");
        assertThat(AnthropicErrors.type(529)).isEqualTo("overloaded_error");
    }

    @Test
    void unavailableBecomesAnthropicsOverloadedStatusAndOthersKeepTheirs() {
        assertThat(AnthropicErrors.status(ErrorInfo.noProvider("none on"))).isEqualTo(529);
        assertThat(AnthropicErrors.status(ErrorInfo.modelNotFound("x"))).isEqualTo(404);
        assertThat(AnthropicErrors.status(ErrorInfo.timeout("late"))).isEqualTo(504);
    }

    @Test
    void bodyHasAnthropicsShapeWithTheRequestId() {
        assertThat(AnthropicErrors.body(ErrorInfo.modelNotFound("nope"), "req-1").toString()).isEqualTo(
                "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":"
                        + "\"The model 'nope' does not exist or is not routed by this router\"},\"request_id\":\"req-1\"}");
    }
}
