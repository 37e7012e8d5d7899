package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.adapters.GeminiAdapterTest.Harness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaAdapterTest {

    static final String HELLO = """
            {"model": "llama3.2", "messages": [{"role": "user", "content": "What is Kafka?"}]}""";

    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private UpstreamResult answer(String resource) {
        harness.upstream.then(ScriptedUpstream.json(Harness.resource(resource)));
        return Harness.await(harness.adapter("ollama").complete(Harness.request("llama3.2", HELLO)));
    }

    @Test
    void answerBecomesAChatCompletion() {
        UpstreamResult result = answer("ollama/chat-text.json");

        assertThat(result.isSuccess()).isTrue();
        ObjectNode completion = result.response();
        assertThat(completion.path("id").asText()).startsWith("chatcmpl-");
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("created").asLong()).isEqualTo(Instant.parse("2025-01-15T10:21:08Z").getEpochSecond());
        assertThat(completion.path("model").asText()).isEqualTo("llama3.2");
        JsonNode choice = completion.path("choices").path(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Kafka is a distributed event log for streaming data.");
        assertThat(choice.path("message").has("tool_calls")).isFalse();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void evalCountsBecomeUsage() {
        JsonNode usage = answer("ollama/chat-text.json").response().path("usage");

        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(31);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(12);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(43);
    }

    @Test
    void toolCallsBecomeOpenAiToolCallsWithArgumentsAsAJsonString() {
        JsonNode choice = answer("ollama/chat-tool-calls.json").response().path("choices").path(0);

        JsonNode calls = choice.path("message").path("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.path(0).path("type").asText()).isEqualTo("function");
        assertThat(calls.path(0).path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(Harness.json(calls.path(0).path("function").path("arguments").asText()))
                .isEqualTo(Harness.json("{\"city\": \"Paris\"}"));
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void toolCallsKeepOllamasIdsAndGetNumberedOnesWhereItGaveNone() {
        JsonNode calls = answer("ollama/chat-tool-calls.json").response()
                .path("choices").path(0).path("message").path("tool_calls");

        assertThat(calls.path(0).path("id").asText()).isEqualTo("call_h2qqjgq5");
        assertThat(calls.path(1).path("id").asText()).isEqualTo("call_1");
    }

    @Test
    void lengthDoneReasonFinishesWithLength() {
        JsonNode choice = answer("ollama/chat-length.json").response().path("choices").path(0);

        assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void promptServedFromOllamasCacheCountsNoPromptTokens() {
        JsonNode usage = answer("ollama/chat-length.json").response().path("usage");

        assertThat(usage.path("prompt_tokens").asLong()).isZero();
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(8);
    }
}
