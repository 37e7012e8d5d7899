package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.adapters.AnthropicAdapterTest.Bench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureOpenAiAdapterTest {

    private static final String SSE = "text/event-stream";
    private static final String HELLO = """
            {"model": "gpt-4o", "temperature": 0.5, "messages": [{"role": "user", "content": "Hello"}]}""";

    private final Bench bench = new Bench();

    @AfterEach
    void close() {
        bench.close();
    }

    private UpstreamResult complete(ProviderAdapter adapter, String model) {
        bench.upstream.then(ScriptedUpstream.json(Bench.resource("azure/chat-completion.json")));
        return Bench.await(adapter.complete(Bench.request(model, HELLO)));
    }

    private UpstreamResult stream(String resource) {
        bench.upstream.then(ScriptedUpstream.stream(SSE, Bench.events(Bench.resource(resource))));
        return Bench.await(bench.adapter("azure").stream(Bench.request("model-x", HELLO), bench.chunks::add));
    }

    @Test
    void postsToTheDeploymentWithTheDefaultApiVersion() {
        complete(bench.adapter("azure"), "model-x");

        ScriptedUpstream.Call call = bench.upstream.lastCall();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/openai/deployments/model-x/chat/completions?api-version=2024-10-21");
    }

    @Test
    void deploymentIsTheModelsUpstreamName() {
        complete(bench.adapter("azure"), "model-y");

        assertThat(bench.upstream.lastCall().path()).startsWith("/openai/deployments/gpt-4o-prod/chat/completions?");
    }

    @Test
    void apiVersionComesFromTheProviderOption() {
        complete(bench.adapter("azure", Map.of("api-version", "2025-01-01-preview"), 10_000), "model-x");

        assertThat(bench.upstream.lastCall().path()).endsWith("?api-version=2025-01-01-preview");
    }

    @Test
    void keyGoesInTheApiKeyHeaderNotAuthorization() {
        complete(bench.adapter("azure"), "model-x");

        assertThat(bench.upstream.lastCall().headers()).containsEntry("api-key", Bench.KEY)
                .doesNotContainKey("authorization");
    }

    @Test
    void bodyIsTheOpenAiBodyWithoutTheModel() {
        complete(bench.adapter("azure"), "model-x");

        assertThat(bench.sentBody()).isEqualTo(Bench.json("""
                {"temperature": 0.5, "messages": [{"role": "user", "content": "Hello"}]}"""));
    }

    @Test
    void completionPassesThroughUnchanged() {
        UpstreamResult result = complete(bench.adapter("azure"), "model-x");

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.response()).isEqualTo(Bench.json(Bench.resource("azure/chat-completion.json")));
    }

    @Test
    void streamRequestAsksForUsage() {
        stream("azure/stream.sse");

        assertThat(bench.sentBody().path("stream").asBoolean()).isTrue();
        assertThat(bench.sentBody().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(bench.sentBody().has("model")).isFalse();
    }

    @Test
    void contentFilterPreambleWithoutChoicesIsSkipped() {
        stream("azure/stream.sse");

        assertThat(bench.chunks).hasSize(5);
        assertThat(bench.chunks).allSatisfy(chunk ->
                assertThat(chunk.path("id").asText()).isEqualTo("chatcmpl-AlQ7yhhU0Tq9Ubl5bFrbQmWnXyvJd"));
        assertThat(bench.chunks.get(0).path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
    }

    @Test
    void usageChunkWithoutChoicesIsKeptAndComesLast() {
        stream("azure/stream.sse");

        ObjectNode last = bench.chunks.get(bench.chunks.size() - 1);
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("usage").path("total_tokens").asLong()).isEqualTo(22);
    }

    @Test
    void streamAssemblesIntoTheCompletion() {
        UpstreamResult result = stream("azure/stream.sse");

        JsonNode completion = result.response();
        assertThat(completion.path("id").asText()).isEqualTo("chatcmpl-AlQ7yhhU0Tq9Ubl5bFrbQmWnXyvJd");
        assertThat(completion.path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(completion.path("choices").path(0).path("message").path("content").asText()).isEqualTo("Hello there!");
        assertThat(completion.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(completion.path("usage").path("prompt_tokens").asLong()).isEqualTo(19);
    }

    @Test
    void toolCallDeltasAssembleIntoOneToolCall() {
        UpstreamResult result = stream("azure/stream-tool-call.sse");

        JsonNode choice = result.response().path("choices").path(0);
        JsonNode call = choice.path("message").path("tool_calls").path(0);
        assertThat(call.path("id").asText()).isEqualTo("call_8fGMUqOOKqKQHnNDjv6cfkwu");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"location\":\"Paris\"}");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(bench.chunks.stream().map(chunk -> chunk.path("usage").path("total_tokens").asLong(0)).toList())
                .isEqualTo(List.of(0L, 0L, 0L, 0L, 98L));
    }
}
