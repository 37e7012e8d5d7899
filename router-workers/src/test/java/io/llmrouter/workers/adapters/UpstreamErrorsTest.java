package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.llmrouter.config.Secret;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {

    private static UpstreamResult status(int status, String message) {
        return UpstreamErrors.fromStatus("openai", status, message, MultiMap.caseInsensitiveMultiMap(), Secret.empty(), 5);
    }

    @Test
    void callerMistakesPassThroughAs400AndAreNeitherRetriedNorFailedOver() {
        UpstreamResult result = status(400, "temperature must be <= 2");

        assertThat(result.error().status()).isEqualTo(400);
        assertThat(result.error().message()).contains("temperature must be <= 2");
        assertThat(result.failure().retriable()).isFalse();
        assertThat(result.failure().failover()).isFalse();
    }

    @Test
    void refusedCredentialsAreTheRoutersProblemNotTheCallers() {
        UpstreamResult result = status(401, "Incorrect API key provided: sk-abc***");

        assertThat(result.error().status()).isEqualTo(502);
        assertThat(result.error().message()).doesNotContain("sk-abc");
        assertThat(result.failure()).isEqualTo(Failure.AUTH);
        assertThat(result.failure().failover()).isTrue();
    }

    @Test
    void rateLimitCarriesRetryAfterInSeconds() {
        UpstreamResult result = UpstreamErrors.fromStatus("groq", 429, "slow down",
                MultiMap.caseInsensitiveMultiMap().add("retry-after", "2"), Secret.empty(), 1);

        assertThat(result.failure()).isEqualTo(Failure.RATE_LIMITED);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(result.error().status()).isEqualTo(429);
    }

    @Test
    void retryAfterInMillisecondsIsPreferred() {
        UpstreamResult result = UpstreamErrors.fromStatus("openai", 429, "", MultiMap.caseInsensitiveMultiMap()
                .add("retry-after", "2").add("retry-after-ms", "150"), Secret.empty(), 1);

        assertThat(result.retryAfter()).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void overloadedIsARetriableServerError() {
        UpstreamResult result = status(529, "Overloaded");

        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(result.failure().retriable()).isTrue();
        assertThat(result.error().code()).isEqualTo("upstream_overloaded");
    }

    @Test
    void theKeyIsScrubbedFromUpstreamMessages() {
        UpstreamResult result = UpstreamErrors.fromStatus("openai", 500, "bad key sk-secret-123",
                MultiMap.caseInsensitiveMultiMap(), Secret.of("sk-secret-123"), 1);

        assertThat(result.error().message()).doesNotContain("sk-secret-123").contains("****");
    }

    @Test
    void timeoutWithoutAnswerIsRetriable() {
        UpstreamResult result = UpstreamErrors.fromThrowable("openai", new java.util.concurrent.TimeoutException(), 100, 100);

        assertThat(result.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(result.error().status()).isEqualTo(504);
    }

    @Test
    void refusedConnectionIsRetriable() {
        UpstreamResult result = UpstreamErrors.fromThrowable("openai", new java.net.ConnectException("refused"), 100, 1);

        assertThat(result.failure()).isEqualTo(Failure.CONNECTION);
        assertThat(result.failure().retriable()).isTrue();
    }
}
