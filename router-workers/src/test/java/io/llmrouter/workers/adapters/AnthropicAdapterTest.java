package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicAdapterTest {

    static final String HELLO = """
            {"model": "claude", "messages": [{"role": "user", "content": "Hello"}]}""";

    private final Bench bench = new Bench();

    @AfterEach
    void close() {
        bench.close();
    }

    @Test
    void builtInAdaptersServeTheAnthropicAndAzureKinds() {
        assertThat(ProviderAdapters.discover().kinds()).contains("anthropic", "azure");
    }

    @Test
    void textAnswerBecomesAChatCompletion() {
        bench.upstream.then(ScriptedUpstream.json(Bench.resource("anthropic/message-text.json")));

        UpstreamResult result = Bench.await(bench.adapter("anthropic").complete(Bench.request("model-x", HELLO)));

        assertThat(result.isSuccess()).isTrue();
        ObjectNode completion = result.response();
        assertThat(completion.path("id").asText()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("created").asLong()).isEqualTo(Bench.CLOCK.instant().getEpochSecond());
        assertThat(completion.path("model").asText()).isEqualTo("claude-sonnet-4-20250514");
        JsonNode choice = completion.path("choices").path(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Hello! How can I help you today?");
        assertThat(choice.path("message").has("tool_calls")).isFalse();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void toolUseBlocksBecomeToolCallsWithArgumentsAsAJsonString() {
        bench.upstream.then(ScriptedUpstream.json(Bench.resource("anthropic/message-tool-use.json")));

        UpstreamResult result = Bench.await(bench.adapter("anthropic").complete(Bench.request("model-x", HELLO)));

        JsonNode choice = result.response().path("choices").path(0);
        assertThat(choice.path("message").path("content").asText()).isEqualTo("I'll look up the weather in Paris.");
        JsonNode call = choice.path("message").path("tool_calls").path(0);
        assertThat(call.path("id").asText()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(Bench.json(call.path("function").path("arguments").asText()))
                .isEqualTo(Bench.json("{\"location\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void answerWithOnlyAToolUseHasNullContent() {
        ObjectNode toolOnly = (ObjectNode) Bench.json(Bench.resource("anthropic/message-tool-use.json"));
        ((ArrayNode) toolOnly.get("content")).remove(0);
        bench.upstream.then(ScriptedUpstream.json(toolOnly.toString()));

        UpstreamResult result = Bench.await(bench.adapter("anthropic").complete(Bench.request("model-x", HELLO)));

        JsonNode message = result.response().path("choices").path(0).path("message");
        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.path("tool_calls")).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"end_turn, stop", "stop_sequence, stop", "max_tokens, length", "tool_use, tool_calls"})
    void stopReasonsMapToOpenAiFinishReasons(String stopReason, String finishReason) {
        bench.upstream.then(ScriptedUpstream.json(Bench.resource("anthropic/message-text.json")
                .replace("\"end_turn\"", "\"" + stopReason + "\"")));

        UpstreamResult result = Bench.await(bench.adapter("anthropic").complete(Bench.request("model-x", HELLO)));

        assertThat(result.response().path("choices").path(0).path("finish_reason").asText()).isEqualTo(finishReason);
    }

    @Test
    void usageCountsCachedInputTokensAsPromptTokens() {
        bench.upstream.then(ScriptedUpstream.json(Bench.resource("anthropic/message-tool-use.json")));

        UpstreamResult result = Bench.await(bench.adapter("anthropic").complete(Bench.request("model-x", HELLO)));

        JsonNode usage = result.response().path("usage");
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(380 + 100 + 1200);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(58);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(380 + 100 + 1200 + 58);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(1200);
    }

    /** An adapter wired to a scripted upstream, shared by the Anthropic and Azure tests. */
    static final class Bench extends AdapterBench {

        static final String KEY = "test-key-8f3a";

        /** An adapter of the kind with default options and a timeout no test should reach. */
        ProviderAdapter adapter(String kind) {
            return adapter(kind, Map.of(), 10_000);
        }

        /** An adapter of the kind with these options and this time limit per call. */
        ProviderAdapter adapter(String kind, Map<String, String> options, long timeoutMs) {
            Map<String, ModelConfig> models = Map.of(
                    "model-x", new ModelConfig(0, 0, 1000, null, null, null),
                    "model-y", new ModelConfig(0, 0, 1000, null, null, "gpt-4o-prod"));
            return adapter(new ProviderConfig(kind, upstream.url(), Secret.of(KEY), null, false, timeoutMs,
                    models, null, options, null));
        }

        /** A Server-Sent Events body cut into one piece per event, as providers flush them. */
        static List<String> events(String body) {
            return List.of(body.split("(?<=\n\n)"));
        }

        /** A body cut into pieces of {@code size} characters, so pieces end mid-line and mid-event. */
        static List<String> pieces(String body, int size) {
            return slices(body, size);
        }
    }
}
