package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.adapters.GeminiAdapterTest.Harness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaErrorsTest {

    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private UpstreamResult call(ScriptedUpstream.Reply reply) {
        return call(harness.adapter("ollama"), reply);
    }

    private UpstreamResult call(ProviderAdapter adapter, ScriptedUpstream.Reply reply) {
        harness.upstream.then(reply);
        return Harness.await(adapter.complete(Harness.request("llama3.2", OllamaAdapterTest.HELLO)));
    }

    @Test
    void modelNotPulledIsModelNotFoundWithOllamasMessage() {
        UpstreamResult result = call(ScriptedUpstream.error(404, Harness.resource("ollama/error-model-not-found.json"),
                Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.MODEL_NOT_FOUND);
        assertThat(result.error().status()).isEqualTo(404);
        assertThat(result.error().message()).contains("model \"llama9\" not found, try pulling it first");
    }

    @Test
    void proxyRefusingTheKeyIsAnAuthFailureThatNeverShowsTheKey() {
        UpstreamResult result = call(ScriptedUpstream.error(401,
                "{\"error\": \"unauthorized: key %s is not valid\"}".formatted(Harness.KEY), Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.AUTH);
        assertThat(result.error().status()).isEqualTo(502);
        assertThat(result.error().message()).doesNotContain(Harness.KEY);
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        UpstreamResult result = call(ScriptedUpstream.error(429, "{\"error\": \"too many requests\"}",
                Map.of("retry-after", "3")));

        assertThat(result.failure()).isEqualTo(Failure.RATE_LIMITED);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void crashedRunnerIsARetriableServerError() {
        UpstreamResult result = call(ScriptedUpstream.error(500, Harness.resource("ollama/error-server.json"), Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(result.failure().retriable()).isTrue();
        assertThat(result.error().message()).contains("llama runner process has terminated");
    }

    @Test
    void badRequestIsTheCallersMistake() {
        UpstreamResult result = call(ScriptedUpstream.error(400,
                "{\"error\": \"registry.ollama.ai/library/gemma:2b does not support tools\"}", Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.INVALID_REQUEST);
        assertThat(result.error().message()).contains("does not support tools");
    }

    @Test
    void bodyThatIsNotAChatResponseIsMalformed() {
        UpstreamResult result = call(ScriptedUpstream.json("{\"models\": []}"));

        assertThat(result.failure()).isEqualTo(Failure.MALFORMED);
        assertThat(result.error().status()).isEqualTo(502);
    }

    @Test
    void resetConnectionIsAConnectionFailure() {
        UpstreamResult result = call(new ScriptedUpstream.Reset());

        assertThat(result.failure()).isEqualTo(Failure.CONNECTION);
    }

    @Test
    void upstreamThatNeverAnswersTimesOut() {
        ProviderAdapter adapter = harness.adapter(harness.config("ollama", "", Map.of(), 300));

        UpstreamResult result = call(adapter, new ScriptedUpstream.Hang());

        assertThat(result.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(result.error().status()).isEqualTo(504);
    }
}
