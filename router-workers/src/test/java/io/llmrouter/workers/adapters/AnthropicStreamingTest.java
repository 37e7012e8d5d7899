package io.llmrouter.workers.adapters;

import static io.llmrouter.workers.adapters.AnthropicAdapterTest.HELLO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.adapters.AnthropicAdapterTest.Bench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicStreamingTest {

    private static final String SSE = "text/event-stream";

    private final Bench bench = new Bench();

    @AfterEach
    void close() {
        bench.close();
    }

    private UpstreamResult stream(List<String> pieces) {
        bench.upstream.then(ScriptedUpstream.stream(SSE, pieces));
        return Bench.await(bench.adapter("anthropic").stream(Bench.request("model-x", HELLO), bench.chunks::add));
    }

    private static List<String> contents(List<ObjectNode> chunks) {
        return chunks.stream()
                .map(chunk -> chunk.path("choices").path(0).path("delta"))
                .filter(delta -> delta.hasNonNull("content"))
                .map(delta -> delta.get("content").asText())
                .toList();
    }

    @Test
    void requestAsksForAStream() {
        stream(Bench.events(Bench.resource("anthropic/stream-text.sse")));

        assertThat(bench.sentBody().path("stream").asBoolean()).isTrue();
        assertThat(bench.upstream.lastCall().path()).isEqualTo("/v1/messages");
    }

    @Test
    void eventsBecomeOpenAiChunksInOrder() {
        stream(Bench.events(Bench.resource("anthropic/stream-text.sse")));

        List<ObjectNode> chunks = bench.chunks;
        assertThat(chunks).hasSize(5);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo("msg_01HCDu5LRGeP2o7s2xGmxyx8");
            assertThat(chunk.path("model").asText()).isEqualTo("claude-sonnet-4-20250514");
        });
        assertThat(chunks.get(0).path("choices").path(0).path("delta"))
                .isEqualTo(Bench.json("{\"role\": \"assistant\"}"));
        assertThat(contents(chunks)).containsExactly("Hello", "! How can I help?");
        assertThat(chunks.get(3).path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void usageChunkComesLastWithNoChoices() {
        stream(Bench.events(Bench.resource("anthropic/stream-text.sse")));

        ObjectNode last = bench.chunks.get(bench.chunks.size() - 1);
        assertThat(last.path("choices")).isEmpty();
        assertThat(Bench.json(last.path("usage").toString())).isEqualTo(Bench.json("""
                {"prompt_tokens": 21, "completion_tokens": 12, "total_tokens": 33}"""));
    }

    @Test
    void resultCarriesTheAssembledCompletion() {
        UpstreamResult result = stream(Bench.events(Bench.resource("anthropic/stream-text.sse")));

        assertThat(result.isSuccess()).isTrue();
        JsonNode completion = result.response();
        assertThat(completion.path("id").asText()).isEqualTo("msg_01HCDu5LRGeP2o7s2xGmxyx8");
        assertThat(completion.path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("Hello! How can I help?");
        assertThat(completion.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(completion.path("usage").path("total_tokens").asLong()).isEqualTo(33);
    }

    @Test
    void pieceBordersInsideEventsDoNotChangeTheChunks() {
        String body = Bench.resource("anthropic/stream-text.sse");
        stream(Bench.events(body));
        List<ObjectNode> byEvent = List.copyOf(bench.chunks);
        bench.chunks.clear();

        stream(Bench.pieces(body, 7));

        assertThat(bench.chunks).isEqualTo(byEvent);
    }

    @Test
    void toolUseBlocksBecomeToolCallDeltas() {
        stream(Bench.events(Bench.resource("anthropic/stream-tool-use.sse")));

        List<JsonNode> calls = bench.chunks.stream()
                .flatMap(chunk -> chunk.path("choices").path(0).path("delta").path("tool_calls").findParents("index")
                        .stream())
                .toList();
        assertThat(calls).containsExactly(
                Bench.json("""
                        {"index": 0, "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "type": "function",
                         "function": {"name": "get_weather", "arguments": ""}}"""),
                Bench.json("{\"index\": 0, \"function\": {\"arguments\": \"{\\\"location\\\":\"}}"),
                Bench.json("{\"index\": 0, \"function\": {\"arguments\": \" \\\"San Francisco, CA\\\"}\"}}"));
    }

    @Test
    void toolUseStreamAssemblesIntoAToolCallCompletion() {
        UpstreamResult result = stream(Bench.events(Bench.resource("anthropic/stream-tool-use.sse")));

        JsonNode choice = result.response().path("choices").path(0);
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Let me check the weather.");
        JsonNode call = choice.path("message").path("tool_calls").path(0);
        assertThat(call.path("id").asText()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(Bench.json(call.path("function").path("arguments").asText()))
                .isEqualTo(Bench.json("{\"location\": \"San Francisco, CA\"}"));
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(Bench.json(result.response().path("usage").toString())).isEqualTo(Bench.json("""
                {"prompt_tokens": 472, "completion_tokens": 89, "total_tokens": 561}"""));
    }

    @Test
    void overloadedErrorEventBeforeAnyChunkIsARetriableServerError() {
        UpstreamResult result = stream(Bench.events(Bench.resource("anthropic/stream-overloaded.sse")));

        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(result.failure().retriable()).isTrue();
        assertThat(result.error().code()).isEqualTo("upstream_overloaded");
        assertThat(bench.chunks).isEmpty();
    }

    @Test
    void errorEventAfterTheFirstChunkBreaksTheStream() {
        UpstreamResult result = stream(Bench.events(Bench.resource("anthropic/stream-error.sse")));

        assertThat(result.failure()).isEqualTo(Failure.STREAM_BROKEN);
        assertThat(result.error().message()).contains("Overloaded");
        assertThat(contents(bench.chunks)).containsExactly("Hel");
    }

    @Test
    void streamCutOffAfterItsFirstChunkIsBroken() {
        bench.upstream.then(ScriptedUpstream.stallingStream(SSE, Bench.events(Bench.resource("anthropic/stream-text.sse")), 1));

        UpstreamResult result = Bench.await(bench.adapter("anthropic").stream(Bench.request("model-x", HELLO), chunk -> {
            bench.chunks.add(chunk);
            bench.upstream.close();
        }));

        assertThat(result.failure()).isEqualTo(Failure.STREAM_BROKEN);
        assertThat(result.error().status()).isEqualTo(502);
        assertThat(bench.chunks).hasSize(1);
    }

    @Test
    void streamThatStallsAfterItsFirstChunkIsBroken() {
        bench.upstream.then(ScriptedUpstream.stallingStream(SSE, Bench.events(Bench.resource("anthropic/stream-text.sse")), 1));

        UpstreamResult result = Bench.await(bench.adapter("anthropic", Map.of("first-token-timeout-ms", "300"), 300)
                .stream(Bench.request("model-x", HELLO), bench.chunks::add));

        assertThat(result.failure()).isEqualTo(Failure.STREAM_BROKEN);
        assertThat(bench.chunks).hasSize(1);
    }
}
