package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

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

class OllamaStreamingTest {

    private static final String NDJSON = "application/x-ndjson";
    private static final String STREAM = """
            {"model": "llama3.2", "stream": true, "messages": [{"role": "user", "content": "What is Kafka?"}]}""";

    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private UpstreamResult stream(ScriptedUpstream.Reply reply) {
        return stream(harness.adapter("ollama"), reply);
    }

    private UpstreamResult stream(ProviderAdapter adapter, ScriptedUpstream.Reply reply) {
        harness.upstream.then(reply);
        return harness.stream(adapter, Harness.request("llama3.2", STREAM));
    }

    private static List<String> lines(String resource) {
        return Harness.pieces(Harness.resource("ollama/" + resource), "\n");
    }

    @Test
    void streamingIsAskedOfTheNativeChatEndpoint() {
        stream(ScriptedUpstream.stream(NDJSON, lines("stream-text.ndjson")));

        assertThat(harness.upstream.lastCall().path()).isEqualTo("/api/chat");
        assertThat(harness.sentBody().path("stream").asBoolean()).isTrue();
    }

    @Test
    void firstChunkCarriesTheAssistantRole() {
        stream(ScriptedUpstream.stream(NDJSON, lines("stream-text.ndjson")));

        ObjectNode first = harness.chunks.get(0);
        assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
    }

    @Test
    void linesArriveAsContentDeltasInOrder() {
        stream(ScriptedUpstream.stream(NDJSON, lines("stream-text.ndjson")));

        assertThat(harness.contentDeltas()).containsExactly("", "Kafka", " is a distributed", " event log.");
    }

    @Test
    void finishReasonComesAfterTheTextAndUsageLast() {
        stream(ScriptedUpstream.stream(NDJSON, lines("stream-text.ndjson")));

        List<ObjectNode> chunks = harness.chunks;
        assertThat(chunks.get(chunks.size() - 2).path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        ObjectNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("prompt_tokens").asLong()).isEqualTo(31);
        assertThat(usage.path("usage").path("completion_tokens").asLong()).isEqualTo(7);
        assertThat(usage.path("usage").path("total_tokens").asLong()).isEqualTo(38);
    }

    @Test
    void resultIsTheWholeAnswerPutTogether() {
        UpstreamResult result = stream(ScriptedUpstream.stream(NDJSON, lines("stream-text.ndjson")));

        assertThat(result.isSuccess()).isTrue();
        JsonNode choice = result.response().path("choices").path(0);
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Kafka is a distributed event log.");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(result.response().path("usage").path("total_tokens").asLong()).isEqualTo(38);
    }

    @Test
    void toolCallsArriveAsNumberedToolCallDeltas() {
        UpstreamResult result = stream(ScriptedUpstream.stream(NDJSON, lines("stream-tool-calls.ndjson")));

        List<JsonNode> deltas = new ArrayList<>();
        harness.chunks.forEach(chunk -> chunk.path("choices").path(0).path("delta").path("tool_calls").forEach(deltas::add));
        assertThat(deltas).extracting(delta -> delta.path("index").asInt()).containsExactly(0, 1);
        assertThat(deltas).extracting(delta -> delta.path("id").asText()).containsExactly("call_0", "call_1");
        assertThat(Harness.json(deltas.get(1).path("function").path("arguments").asText()))
                .isEqualTo(Harness.json("{\"city\": \"Berlin\"}"));
        JsonNode choice = result.response().path("choices").path(0);
        assertThat(choice.path("message").path("tool_calls")).hasSize(2);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void linesCutAnywhereAreReassembled() {
        UpstreamResult result = stream(ScriptedUpstream.stream(NDJSON,
                Harness.slices(Harness.resource("ollama/stream-text.ndjson"), 11)));

        assertThat(harness.contentDeltas()).containsExactly("", "Kafka", " is a distributed", " event log.");
        assertThat(result.response().path("usage").path("total_tokens").asLong()).isEqualTo(38);
    }

    @Test
    void streamThatStallsAfterItsFirstChunkIsBroken() {
        ProviderAdapter adapter = harness.adapter(harness.config("ollama", "", Map.of(), 300));

        UpstreamResult result = stream(adapter, ScriptedUpstream.stallingStream(NDJSON, lines("stream-text.ndjson"), 1));

        assertThat(harness.contentDeltas()).containsExactly("", "Kafka");
        assertThat(result.failure()).isEqualTo(Failure.STREAM_BROKEN);
        assertThat(result.error().status()).isEqualTo(502);
    }

    @Test
    void errorLineBeforeAnyContentIsAServerErrorThatCanFailOver() {
        UpstreamResult result = stream(ScriptedUpstream.stream(NDJSON, lines("stream-error.ndjson")));

        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(result.failure().failover()).isTrue();
        assertThat(result.error().message()).contains("unexpected EOF");
        assertThat(harness.chunks).isEmpty();
    }

    @Test
    void modelNotPulledBeforeTheStreamIsModelNotFound() {
        UpstreamResult result = stream(ScriptedUpstream.error(404, Harness.resource("ollama/error-model-not-found.json"),
                Map.of()));

        assertThat(result.failure()).isEqualTo(Failure.MODEL_NOT_FOUND);
        assertThat(harness.chunks).isEmpty();
    }
}
