package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.adapters.AnthropicAdapterTest.Bench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureOpenAiErrorsTest {

    private static final String SSE = "text/event-stream";
    private static final String HELLO = """
            {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello"}]}""";

    private final Bench bench = new Bench();

    @AfterEach
    void close() {
        bench.close();
    }

    private UpstreamResult complete(ScriptedUpstream.Reply reply) {
        bench.upstream.then(reply);
        return Bench.await(bench.adapter("azure", Map.of(), 300).complete(Bench.request("model-x", HELLO)));
    }

    private static ScriptedUpstream.Reply error(int status, String resource) {
        return ScriptedUpstream.error(status, Bench.resource("azure/" + resource), Map.of());
    }

    @Test
    void refusedKeyIsAnAuthFailureReportedAs502WithoutTheKey() {
        UpstreamResult result = complete(error(401, "error-unauthorized.json"));

        assertThat(result.failure()).isEqualTo(Failure.AUTH);
        assertThat(result.error().status()).isEqualTo(502);
        assertThat(result.error().message()).doesNotContain(Bench.KEY);
    }

    @Test
    void missingDeploymentIsModelNotFound() {
        UpstreamResult result = complete(error(404, "error-deployment-not-found.json"));

        assertThat(result.failure()).isEqualTo(Failure.MODEL_NOT_FOUND);
        assertThat(result.error().message()).contains("deployment for this resource does not exist");
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        UpstreamResult result = complete(ScriptedUpstream.error(429, Bench.resource("azure/error-rate-limit.json"),
                Map.of("retry-after", "6")));

        assertThat(result.failure()).isEqualTo(Failure.RATE_LIMITED);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void serverErrorIsRetriable() {
        UpstreamResult result = complete(error(500, "error-server.json"));

        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(result.failure().retriable()).isTrue();
    }

    @Test
    void bodyThatIsNotAChatCompletionIsMalformed() {
        UpstreamResult result = complete(ScriptedUpstream.json("{\"status\": \"ok\"}"));

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
    }

    @Test
    void streamThatStallsAfterItsFirstChunkIsBroken() {
        bench.upstream.then(ScriptedUpstream.stallingStream(SSE, Bench.events(Bench.resource("azure/stream.sse")), 2));

        UpstreamResult result = Bench.await(bench.adapter("azure", Map.of("first-token-timeout-ms", "300"), 300)
                .stream(Bench.request("model-x", HELLO), bench.chunks::add));

        assertThat(result.failure()).isEqualTo(Failure.STREAM_BROKEN);
        assertThat(bench.chunks).hasSize(1);
    }

    @Test
    void contentFilterPreambleDoesNotCountAsTheFirstToken() {
        bench.upstream.then(ScriptedUpstream.stallingStream(SSE, Bench.events(Bench.resource("azure/stream.sse")), 1));

        UpstreamResult result = Bench.await(bench.adapter("azure", Map.of("first-token-timeout-ms", "300"), 300)
                .stream(Bench.request("model-x", HELLO), bench.chunks::add));

        assertThat(result.failure()).isNotIn(Failure.NONE, Failure.STREAM_BROKEN);
        assertThat(result.failure().failover()).isTrue();
        assertThat(bench.chunks).isEmpty();
    }

    @Test
    void errorEventMidStreamBreaksTheStream() {
        bench.upstream.then(ScriptedUpstream.stream(SSE, Bench.events(Bench.resource("azure/stream-error.sse"))));

        UpstreamResult result = Bench.await(bench.adapter("azure").stream(Bench.request("model-x", HELLO),
                bench.chunks::add));

        assertThat(result.failure()).isEqualTo(Failure.STREAM_BROKEN);
        assertThat(result.error().message()).contains("The server had an error");
        assertThat(bench.chunks).hasSize(1);
    }
}
