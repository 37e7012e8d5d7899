package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.adapters.GeminiAdapterTest.Harness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaRequestMappingTest {

    private static final String CONVERSATION = Harness.resource("ollama/request-conversation.json");

    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private JsonNode sent(ProviderAdapter adapter, String model, String request) {
        harness.upstream.then(ScriptedUpstream.json(Harness.resource("ollama/chat-text.json")));
        UpstreamResult result = Harness.await(adapter.complete(Harness.request(model, request)));
        assertThat(result.isSuccess()).as("result: %s", result.error()).isTrue();
        return harness.sentBody();
    }

    private JsonNode sent(String request) {
        return sent(harness.adapter("ollama"), "llama3.2", request);
    }

    private JsonNode sentConversation() {
        return sent(CONVERSATION);
    }

    @Test
    void postsToTheNativeChatEndpointWithoutStreaming() {
        JsonNode body = sent(OllamaAdapterTest.HELLO);

        assertThat(harness.upstream.lastCall().path()).isEqualTo("/api/chat");
        assertThat(body.path("model").asText()).isEqualTo("llama3.2");
        assertThat(body.path("stream").isBoolean()).isTrue();
        assertThat(body.path("stream").asBoolean()).isFalse();
    }

    @Test
    void baseUrlWrittenForTheOpenAiCompatibleApiStillReachesTheNativeOne() {
        ProviderConfig config = harness.config("ollama", "", Map.of(), 10_000).withBaseUrl(harness.upstream.url() + "/v1/");

        sent(harness.adapter(config), "llama3.2", OllamaAdapterTest.HELLO);

        assertThat(harness.upstream.lastCall().path()).isEqualTo("/api/chat");
    }

    @Test
    void configuredUpstreamNameIsTheModelSent() {
        JsonNode body = sent(harness.adapter("ollama"), "local", OllamaAdapterTest.HELLO);

        assertThat(body.path("model").asText()).isEqualTo("qwen3:8b");
    }

    @Test
    void withoutAKeyNoAuthorizationIsSent() {
        sent(harness.adapter(harness.config("ollama", "", Map.of(), 10_000)), "llama3.2", OllamaAdapterTest.HELLO);

        assertThat(harness.upstream.lastCall().headers()).doesNotContainKey("Authorization");
    }

    @Test
    void aConfiguredKeyIsSentAsABearerToken() {
        sent(OllamaAdapterTest.HELLO);

        assertThat(harness.upstream.lastCall().headers()).containsEntry("Authorization", "Bearer " + Harness.KEY);
    }

    @Test
    void systemAndDeveloperMessagesBecomeSystemMessages() {
        JsonNode messages = sentConversation().path("messages");

        assertThat(messages.path(0)).isEqualTo(Harness.json("""
                {"role": "system", "content": "You are a weather assistant."}"""));
        assertThat(messages.path(1)).isEqualTo(Harness.json("""
                {"role": "system", "content": "Answer in metric units."}"""));
    }

    @Test
    void textPartsAreJoinedAndDataUrlImagesSentAsBase64() {
        JsonNode user = sentConversation().path("messages").path(2);

        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.path("content").asText()).isEqualTo("What is on this picture?\nAnd what is the weather in Paris?");
        assertThat(user.path("images")).hasSize(1);
        assertThat(user.path("images").path(0).asText()).startsWith("iVBORw0KGgo").doesNotContain("base64,");
    }

    @Test
    void linkedImageFailsFastExplainingThatOllamaNeedsInlineImages() {
        UpstreamResult result = Harness.await(harness.adapter("ollama").complete(Harness.request("llama3.2", """
                {"model": "llama3.2", "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is this?"},
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}}]}]}""")));

        assertThat(result.failure()).isEqualTo(Failure.INVALID_REQUEST);
        assertThat(result.error().status()).isEqualTo(400);
        assertThat(result.error().message()).contains("inline").contains("data: URL");
        assertThat(harness.upstream.calls()).isEmpty();
    }

    @Test
    void toolsAreOfferedInOpenAisShape() {
        JsonNode tools = sentConversation().path("tools");

        assertThat(tools).isEqualTo(Harness.json(CONVERSATION).path("tools"));
    }

    @Test
    void assistantToolCallsCarryTheirArgumentsAsAnObject() {
        JsonNode assistant = sentConversation().path("messages").path(3);

        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("content").asText()).isEmpty();
        assertThat(assistant.path("tool_calls")).isEqualTo(Harness.json("""
                [{"function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]"""));
    }

    @Test
    void toolResultsAreToolMessagesNamingTheirTool() {
        JsonNode result = sentConversation().path("messages").path(4);

        assertThat(result).isEqualTo(Harness.json("""
                {"role": "tool", "content": "18 C, cloudy", "tool_name": "get_weather"}"""));
    }

    @Test
    void samplingOptionsBecomeOllamaOptions() {
        JsonNode options = sentConversation().path("options");

        assertThat(options).isEqualTo(Harness.json("""
                {"temperature": 0.2, "top_p": 0.9, "num_predict": 256, "seed": 7, "stop": ["END", "STOP"]}"""));
    }

    @Test
    void jsonObjectResponseFormatAsksForJson() {
        JsonNode body = sent("""
                {"model": "llama3.2", "messages": [{"role": "user", "content": "List three brokers"}],
                 "response_format": {"type": "json_object"}}""");

        assertThat(body.path("format").asText()).isEqualTo("json");
    }

    @Test
    void jsonSchemaResponseFormatSendsTheSchemaAsTheFormat() {
        JsonNode body = sent("""
                {"model": "llama3.2", "messages": [{"role": "user", "content": "List three brokers"}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "brokers",
                   "schema": {"type": "object", "properties": {"names": {"type": "array"}}}}}}""");

        assertThat(body.path("format")).isEqualTo(Harness.json("""
                {"type": "object", "properties": {"names": {"type": "array"}}}"""));
    }

    @Test
    void contextLengthAndKeepAliveComeFromTheProviderOptions() {
        ProviderAdapter adapter = harness.adapter(harness.config("ollama", "",
                Map.of("num-ctx", "16384", "keep-alive", "30m"), 10_000));

        JsonNode body = sent(adapter, "llama3.2", OllamaAdapterTest.HELLO);

        assertThat(body.path("options").path("num_ctx").asLong()).isEqualTo(16384);
        assertThat(body.path("keep_alive").asText()).isEqualTo("30m");
    }
}
