package io.llmrouter.workers.adapters;

import static io.llmrouter.workers.adapters.AnthropicAdapterTest.HELLO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.adapters.AnthropicAdapterTest.Bench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicRequestMappingTest {

    private final Bench bench = new Bench();

    @BeforeEach
    void answerEveryCall() {
        bench.upstream.byDefault(ScriptedUpstream.json(Bench.resource("anthropic/message-text.json")));
    }

    @AfterEach
    void close() {
        bench.close();
    }

    private JsonNode send(ProviderAdapter adapter, String model, String body) {
        assertThat(Bench.await(adapter.complete(Bench.request(model, body))).isSuccess()).isTrue();
        return bench.sentBody();
    }

    private JsonNode sendConversation() {
        return send(bench.adapter("anthropic"), "model-x", Bench.resource("anthropic/request-conversation.json"));
    }

    @Test
    void postsToMessagesWithKeyAndVersionHeaders() {
        send(bench.adapter("anthropic"), "model-x", HELLO);

        ScriptedUpstream.Call call = bench.upstream.lastCall();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v1/messages");
        assertThat(call.headers()).containsEntry("x-api-key", Bench.KEY)
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("authorization");
    }

    @Test
    void versionHeaderComesFromTheProviderOption() {
        send(bench.adapter("anthropic", Map.of("anthropic-version", "2024-01-01"), 10_000), "model-x", HELLO);

        assertThat(bench.upstream.lastCall().headers()).containsEntry("anthropic-version", "2024-01-01");
    }

    @Test
    void modelIsTheConfiguredUpstreamName() {
        JsonNode body = send(bench.adapter("anthropic"), "model-y", HELLO);

        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-prod");
    }

    @Test
    void plainUserMessageBecomesATextBlock() {
        JsonNode body = send(bench.adapter("anthropic"), "model-x", HELLO);

        assertThat(body.path("messages")).isEqualTo(Bench.json("""
                [{"role": "user", "content": [{"type": "text", "text": "Hello"}]}]"""));
        assertThat(body.has("system")).isFalse();
    }

    @Test
    void systemAndDeveloperMessagesAreJoinedIntoTopLevelSystem() {
        JsonNode body = sendConversation();

        assertThat(body.path("system").asText()).isEqualTo("You are a weather assistant.\n\nAnswer in metric units.");
        assertThat(body.path("messages").findValuesAsText("role")).doesNotContain("system", "developer");
    }

    @Test
    void imagePartsBecomeBase64AndUrlImageBlocks() {
        JsonNode content = sendConversation().path("messages").path(0).path("content");

        assertThat(content.path(0)).isEqualTo(Bench.json("""
                {"type": "text", "text": "What is on these pictures, and what is the weather in Paris?"}"""));
        assertThat(content.path(1)).isEqualTo(Bench.json("""
                {"type": "image", "source": {"type": "base64", "media_type": "image/png",
                 "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="}}"""));
        assertThat(content.path(2)).isEqualTo(Bench.json("""
                {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}}"""));
    }

    @Test
    void assistantToolCallsBecomeToolUseBlocksWithParsedInput() {
        JsonNode assistant = sendConversation().path("messages").path(1);

        assertThat(assistant).isEqualTo(Bench.json("""
                {"role": "assistant", "content": [
                  {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"location": "Paris"}},
                  {"type": "tool_use", "id": "call_2", "name": "get_time", "input": {}}]}"""));
    }

    @Test
    void toolMessagesBecomeToolResultsInOneUserTurn() {
        JsonNode messages = sendConversation().path("messages");

        assertThat(messages).hasSize(3);
        assertThat(messages.path(2)).isEqualTo(Bench.json("""
                {"role": "user", "content": [
                  {"type": "tool_result", "tool_use_id": "call_1", "content": "18 C, cloudy"},
                  {"type": "tool_result", "tool_use_id": "call_2", "content": "14:05"}]}"""));
    }

    @Test
    void functionToolsBecomeToolsWithInputSchemas() {
        JsonNode tools = sendConversation().path("tools");

        assertThat(tools).isEqualTo(Bench.json("""
                [{"name": "get_weather", "description": "Current weather in a city",
                  "input_schema": {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]}},
                 {"name": "get_time", "input_schema": {"type": "object", "properties": {}}}]"""));
    }

    @Test
    void requiredToolChoiceWithoutParallelCallsBecomesAny() {
        JsonNode body = sendConversation();

        assertThat(body.path("tool_choice")).isEqualTo(Bench.json("""
                {"type": "any", "disable_parallel_tool_use": true}"""));
    }

    @Test
    void namedFunctionToolChoiceBecomesToolChoiceByName() {
        JsonNode body = send(bench.adapter("anthropic"), "model-x", """
                {"model": "claude", "messages": [{"role": "user", "content": "Weather?"}],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}],
                 "tool_choice": {"type": "function", "function": {"name": "get_weather"}}}""");

        assertThat(body.path("tool_choice")).isEqualTo(Bench.json("{\"type\": \"tool\", \"name\": \"get_weather\"}"));
    }

    @Test
    void samplingSettingsStopSequencesAndUserAreCarriedOver() {
        JsonNode body = sendConversation();

        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("stop_sequences")).isEqualTo(Bench.json("[\"END\"]"));
        assertThat(body.path("metadata").path("user_id").asText()).isEqualTo("user-42");
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void maxTokensDefaultsTo4096WhenTheCallerSetsNone() {
        JsonNode body = send(bench.adapter("anthropic"), "model-x", HELLO);

        assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void maxTokensDefaultComesFromTheProviderOption() {
        JsonNode body = send(bench.adapter("anthropic", Map.of("default-max-tokens", "1000"), 10_000), "model-x", HELLO);

        assertThat(body.path("max_tokens").asInt()).isEqualTo(1000);
    }

    @Test
    void legacyMaxTokensIsUsedWhenMaxCompletionTokensIsAbsent() {
        JsonNode body = send(bench.adapter("anthropic"), "model-x", """
                {"model": "claude", "max_tokens": 77, "messages": [{"role": "user", "content": "Hi"}]}""");

        assertThat(body.path("max_tokens").asInt()).isEqualTo(77);
    }

    @Test
    void singleStopStringBecomesOneStopSequence() {
        JsonNode body = send(bench.adapter("anthropic"), "model-x", """
                {"model": "claude", "stop": "###", "messages": [{"role": "user", "content": "Hi"}]}""");

        assertThat(body.path("stop_sequences")).isEqualTo(Bench.json("[\"###\"]"));
    }

    @Test
    void contentAnthropicCannotTakeIsRejectedWithoutCallingUpstream() {
        UpstreamResult result = Bench.await(bench.adapter("anthropic").complete(Bench.request("model-x", """
                {"model": "claude", "messages": [{"role": "user", "content": [
                  {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}]}]}""")));

        assertThat(result.failure()).isEqualTo(Failure.INVALID_REQUEST);
        assertThat(result.error().status()).isEqualTo(400);
        assertThat(result.error().message()).contains("input_audio");
        assertThat(bench.upstream.calls()).isEmpty();
    }
}
