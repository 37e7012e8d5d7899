package io.llmrouter.workers.adapters;

import static io.llmrouter.workers.adapters.AnthropicAdapterTest.HELLO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.adapters.AnthropicAdapterTest.Bench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicErrorsTest {

    private final Bench bench = new Bench();

    @AfterEach
    void close() {
        bench.close();
    }

    private UpstreamResult complete(ScriptedUpstream.Reply reply) {
        bench.upstream.then(reply);
        return Bench.await(bench.adapter("anthropic", Map.of(), 300).complete(Bench.request("model-x", HELLO)));
    }

    private static ScriptedUpstream.Reply error(int status, String resource) {
        return ScriptedUpstream.error(status, Bench.resource("anthropic/" + resource), Map.of());
    }

    @Test
    void refusedKeyIsAnAuthFailureReportedAs502WithoutTheKey() {
        UpstreamResult result = complete(ScriptedUpstream.error(401, """
                {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key: %s"}}"""
                .formatted(Bench.KEY), Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.AUTH);
        assertThat(result.error().status()).isEqualTo(502);
        assertThat(result.error().message()).doesNotContain(Bench.KEY);
    }

    @Test
    void authenticationErrorBodyIsAnAuthFailure() {
        UpstreamResult result = complete(error(401, "error-authentication.json"));

        assertThat(result.failure()).isEqualTo(Failure.AUTH);
        assertThat(result.failure().failover()).isTrue();
    }

    @Test
    void unknownModelIsModelNotFoundWithAnthropicsMessage() {
        UpstreamResult result = complete(error(404, "error-not-found.json"));

        assertThat(result.failure()).isEqualTo(Failure.MODEL_NOT_FOUND);
        assertThat(result.error().message()).contains("model: claude-nonexistent-model");
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        UpstreamResult result = complete(ScriptedUpstream.error(429,
                Bench.resource("anthropic/error-rate-limit.json"), Map.of("retry-after", "17")));

        assertThat(result.failure()).isEqualTo(Failure.RATE_LIMITED);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(17));
        assertThat(result.error().message()).contains("exceed the rate limit");
    }

    @Test
    void internalServerErrorIsARetriableServerError() {
        UpstreamResult result = complete(error(500, "error-api.json"));

        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(result.failure().retriable()).isTrue();
        assertThat(result.error().message()).contains("Internal server error");
    }

    @Test
    void overloadedIsARetriableServerError() {
        UpstreamResult result = complete(error(529, "error-overloaded.json"));

        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(result.failure().retriable()).isTrue();
        assertThat(result.error().code()).isEqualTo("upstream_overloaded");
        assertThat(result.error().message()).contains("Overloaded");
    }

    @Test
    void bodyThatIsNotAMessageIsMalformed() {
        UpstreamResult result = complete(ScriptedUpstream.json("<html><body>Bad gateway</body></html>"));

        assertThat(result.failure()).isEqualTo(Failure.MALFORMED);
    }

    @Test
    void openAiShapedBodyIsMalformed() {
        UpstreamResult result = complete(ScriptedUpstream.json(Bench.resource("azure/chat-completion.json")));

        assertThat(result.failure()).isEqualTo(Failure.MALFORMED);
    }

    @Test
    void resetConnectionIsAConnectionFailure() {
        UpstreamResult result = complete(new ScriptedUpstream.Reset());

        assertThat(result.failure()).isEqualTo(Failure.CONNECTION);
    }

    @Test
    void upstreamThatNeverAnswersTimesOut() {
        UpstreamResult result = complete(new ScriptedUpstream.Hang());

        assertThat(result.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(result.error().status()).isEqualTo(504);
    }
}
