package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleAdapterTest {

    private static final String KEY = "sk-test-3b9e";
    private static final String HELLO = """
            {"model": "gpt", "messages": [{"role": "user", "content": "Hello"}], "temperature": 0.1}""";
    private static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-2024",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi there"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";
    private static final String CHUNK = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o-2024\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":%s}]}\n\n";
    private static final String USAGE = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o-2024\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,"
            + "\"total_tokens\":7}}\n\n";

    private final AdapterBench bench = new AdapterBench();

    @AfterEach
    void close() {
        bench.close();
    }

    private ProviderAdapter adapter(long timeoutMs, Map<String, String> options) {
        return bench.adapter(new ProviderConfig("groq", bench.upstream.url() + "/openai/v1", Secret.of(KEY), null, false,
                timeoutMs, Map.of("gpt", new ModelConfig(0, 0, 1000, null, null, "gpt-4o")), null, options, null));
    }

    private UpstreamResult complete(ScriptedUpstream.Reply reply) {
        bench.upstream.then(reply);
        return AdapterBench.await(adapter(300, Map.of()).complete(AdapterBench.request("gpt", HELLO)));
    }

    @Test
    void requestGoesToChatCompletionsWithTheKeyAndTheUpstreamModelName() {
        UpstreamResult result = complete(ScriptedUpstream.json(COMPLETION));

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.response().path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hi there");
        assertThat(bench.upstream.lastCall().path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(bench.upstream.lastCall().headers()).containsEntry("Authorization", "Bearer " + KEY);
        assertThat(bench.sentBody().path("model").asText()).isEqualTo("gpt-4o");
        assertThat(bench.sentBody().path("temperature").asDouble()).isEqualTo(0.1);
    }

    @Test
    void refusedKeyIsAnAuthFailureThatNeverShowsTheKey() {
        UpstreamResult result = complete(ScriptedUpstream.error(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}", Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.AUTH);
        assertThat(result.error().status()).isEqualTo(502);
        assertThat(result.error().message()).doesNotContain(KEY);
    }

    @Test
    void unknownModelIsModelNotFound() {
        UpstreamResult result = complete(ScriptedUpstream.error(404,
                "{\"error\":{\"message\":\"The model `gpt-4o` does not exist\"}}", Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.MODEL_NOT_FOUND);
    }

    @Test
    void rateLimitCarriesTheRetryAfter() {
        UpstreamResult result = complete(ScriptedUpstream.error(429,
                "{\"error\":{\"message\":\"Rate limit reached\"}}", Map.of("retry-after", "3")));

        assertThat(result.failure()).isEqualTo(Failure.RATE_LIMITED);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void serverErrorIsRetriable() {
        UpstreamResult result = complete(ScriptedUpstream.error(500, "{\"error\":{\"message\":\"oops\"}}", Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(result.failure().retriable()).isTrue();
    }

    @Test
    void bodyThatIsNotACompletionIsMalformed() {
        UpstreamResult result = complete(new ScriptedUpstream.Whole(200, Map.of("Content-Type", "text/html"),
                "<html>502 Bad Gateway</html>"));

        assertThat(result.failure()).isEqualTo(Failure.MALFORMED);
        assertThat(result.error().message()).contains("502 Bad Gateway");
    }

    @Test
    void resetConnectionIsAConnectionFailure() {
        assertThat(complete(new ScriptedUpstream.Reset()).failure()).isEqualTo(Failure.CONNECTION);
    }

    @Test
    void upstreamThatNeverAnswersTimesOut() {
        assertThat(complete(new ScriptedUpstream.Hang()).failure()).isEqualTo(Failure.TIMEOUT);
    }

    @Test
    void streamIsRelayedChunkByChunkAndPutTogetherWithItsUsage() {
        bench.upstream.then(ScriptedUpstream.stream("text/event-stream", List.of(CHUNK.formatted("Hi", "null"),
                CHUNK.formatted(" there", "\"stop\""), USAGE, "data: [DONE]\n\n")));

        UpstreamResult result = bench.stream(adapter(2_000, Map.of()), AdapterBench.request("gpt", HELLO));

        assertThat(bench.chunks).hasSize(3);
        assertThat(result.response().path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hi there");
        assertThat(result.response().path("usage").path("total_tokens").asInt()).isEqualTo(7);
        assertThat(bench.sentBody().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamThatStallsAfterItsFirstChunkIsBroken() {
        bench.upstream.then(ScriptedUpstream.stallingStream("text/event-stream",
                List.of(CHUNK.formatted("Hi", "null"), CHUNK.formatted(" there", "\"stop\"")), 1));

        UpstreamResult result = bench.stream(adapter(300, Map.of()), AdapterBench.request("gpt", HELLO));

        assertThat(bench.chunks).hasSize(1);
        assertThat(result.failure()).isEqualTo(Failure.STREAM_BROKEN);
    }

    @Test
    void streamWithNoFirstTokenInTimeIsATimeoutThatMayFailOver() {
        bench.upstream.then(ScriptedUpstream.stallingStream("text/event-stream", List.of(CHUNK.formatted("Hi", "null")), 0));

        UpstreamResult result = bench.stream(adapter(5_000, Map.of("first-token-timeout-ms", "200")),
                AdapterBench.request("gpt", HELLO));

        assertThat(bench.chunks).isEmpty();
        assertThat(result.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(result.failure().failover()).isTrue();
    }
}
