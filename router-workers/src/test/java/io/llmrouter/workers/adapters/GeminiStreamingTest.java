package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.adapters.GeminiAdapterTest.Harness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeminiStreamingTest {

    private static final String SSE = "text/event-stream";
    private static final String STREAM = """
            {"model": "flash", "stream": true, "messages": [{"role": "user", "content": "What is Kafka?"}]}""";

    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private UpstreamResult stream(ScriptedUpstream.Reply reply) {
        return stream(harness.adapter("gemini"), reply);
    }

    private UpstreamResult stream(ProviderAdapter adapter, ScriptedUpstream.Reply reply) {
        harness.upstream.then(reply);
        return harness.stream(adapter, Harness.request("flash", STREAM));
    }

    private static List<String> events(String resource) {
        return Harness.pieces(Harness.resource("gemini/" + resource), "\r\n\r\n");
    }

    @Test
    void streamsFromStreamGenerateContentAsServerSentEvents() {
        stream(ScriptedUpstream.stream(SSE, events("stream-text.sse")));

        ScriptedUpstream.Call call = harness.upstream.lastCall();
        assertThat(call.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(call.headers()).containsEntry("x-goog-api-key", Harness.KEY);
        assertThat(harness.sentBody().has("stream")).isFalse();
    }

    @Test
    void firstChunkCarriesTheAssistantRole() {
        stream(ScriptedUpstream.stream(SSE, events("stream-text.sse")));

        ObjectNode first = harness.chunks.get(0);
        assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
    }

    @Test
    void textArrivesAsContentDeltasInOrder() {
        stream(ScriptedUpstream.stream(SSE, events("stream-text.sse")));

        assertThat(harness.contentDeltas()).containsExactly("", "Kafka", " is a distributed event log", " for streaming data.");
    }

    @Test
    void finishReasonComesAfterTheTextAndUsageLast() {
        stream(ScriptedUpstream.stream(SSE, events("stream-text.sse")));

        List<ObjectNode> chunks = harness.chunks;
        ObjectNode finish = chunks.get(chunks.size() - 2);
        ObjectNode usage = chunks.get(chunks.size() - 1);
        assertThat(finish.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("prompt_tokens").asLong()).isEqualTo(8);
        assertThat(usage.path("usage").path("completion_tokens").asLong()).isEqualTo(11);
        assertThat(usage.path("usage").path("total_tokens").asLong()).isEqualTo(19);
        assertThat(chunks).extracting(chunk -> chunk.path("id").asText()).containsOnly(chunks.get(0).path("id").asText());
    }

    @Test
    void resultIsTheWholeAnswerPutTogether() {
        UpstreamResult result = stream(ScriptedUpstream.stream(SSE, events("stream-text.sse")));

        assertThat(result.isSuccess()).isTrue();
        JsonNode choice = result.response().path("choices").path(0);
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Kafka is a distributed event log for streaming data.");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(result.response().path("model").asText()).isEqualTo("gemini-2.0-flash");
        assertThat(result.response().path("usage").path("total_tokens").asLong()).isEqualTo(19);
    }

    @Test
    void functionCallsArriveAsNumberedToolCallDeltas() {
        UpstreamResult result = stream(ScriptedUpstream.stream(SSE, events("stream-function-call.sse")));

        List<JsonNode> deltas = new ArrayList<>();
        harness.chunks.forEach(chunk -> chunk.path("choices").path(0).path("delta").path("tool_calls").forEach(deltas::add));
        assertThat(deltas).extracting(delta -> delta.path("index").asInt()).containsExactly(0, 1);
        assertThat(deltas).extracting(delta -> delta.path("id").asText()).containsExactly("call_0", "call_1");
        assertThat(Harness.json(deltas.get(1).path("function").path("arguments").asText()))
                .isEqualTo(Harness.json("{\"city\": \"Berlin\"}"));
        JsonNode choice = result.response().path("choices").path(0);
        assertThat(choice.path("message").path("tool_calls")).hasSize(2);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(result.response().path("usage").path("completion_tokens").asLong()).isEqualTo(100);
    }

    @Test
    void eventsCutAnywhereAreReassembled() {
        UpstreamResult result = stream(ScriptedUpstream.stream(SSE,
                Harness.slices(Harness.resource("gemini/stream-text.sse"), 7)));

        assertThat(harness.contentDeltas()).containsExactly("", "Kafka", " is a distributed event log", " for streaming data.");
        assertThat(result.response().path("usage").path("total_tokens").asLong()).isEqualTo(19);
    }

    @Test
    void streamThatStallsAfterItsFirstChunkIsBroken() {
        ProviderAdapter adapter = harness.adapter(harness.config("gemini", Harness.KEY, Map.of(), 300));

        UpstreamResult result = stream(adapter, ScriptedUpstream.stallingStream(SSE, events("stream-text.sse"), 1));

        assertThat(harness.contentDeltas()).containsExactly("", "Kafka");
        assertThat(result.failure()).isEqualTo(Failure.STREAM_BROKEN);
        assertThat(result.error().status()).isEqualTo(502);
    }

    @Test
    void rateLimitBeforeTheFirstChunkKeepsGeminisRetryDelay() {
        UpstreamResult result = stream(ScriptedUpstream.error(429,
                Harness.resource("gemini/error-resource-exhausted.json"), Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.RATE_LIMITED);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(34));
        assertThat(harness.chunks).isEmpty();
    }

    @Test
    void invalidKeyBeforeTheFirstChunkIsAnAuthFailure() {
        UpstreamResult result = stream(ScriptedUpstream.error(400,
                Harness.resource("gemini/error-api-key-invalid.json"), Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.AUTH);
        assertThat(result.error().message()).doesNotContain(Harness.KEY);
    }

    @Test
    void blockedPromptEndsTheStreamAsAnInvalidRequest() {
        UpstreamResult result = stream(ScriptedUpstream.stream(SSE, events("stream-blocked.sse")));

        assertThat(result.failure()).isEqualTo(Failure.INVALID_REQUEST);
        assertThat(result.error().message()).contains("PROHIBITED_CONTENT");
        assertThat(harness.chunks).isEmpty();
    }
}
