package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeminiAdapterTest {

    static final String HELLO = """
            {"model": "flash", "messages": [{"role": "user", "content": "What is Kafka?"}]}""";

    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private UpstreamResult answer(String resource) {
        harness.upstream.then(ScriptedUpstream.json(Harness.resource(resource)));
        return Harness.await(harness.adapter("gemini").complete(Harness.request("flash", HELLO)));
    }

    @Test
    void builtInAdaptersServeTheGeminiAndOllamaKinds() {
        assertThat(ProviderAdapters.discover().kinds()).contains("gemini", "ollama");
    }

    @Test
    void textPartsAreJoinedIntoOneChatCompletion() {
        UpstreamResult result = answer("gemini/generate-text.json");

        assertThat(result.isSuccess()).isTrue();
        ObjectNode completion = result.response();
        assertThat(completion.path("id").asText()).isEqualTo("chatcmpl-mBTNaJ2dI5-ZkdUP4ICU8Ao");
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("created").asLong()).isEqualTo(Harness.CLOCK.instant().getEpochSecond());
        assertThat(completion.path("model").asText()).isEqualTo("gemini-2.0-flash");
        JsonNode choice = completion.path("choices").path(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText())
                .isEqualTo("Kafka is a distributed event streaming platform built around an append-only log.");
        assertThat(choice.path("message").has("tool_calls")).isFalse();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void usageMetadataBecomesUsage() {
        JsonNode usage = answer("gemini/generate-text.json").response().path("usage");

        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(8);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(15);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(23);
    }

    @Test
    void functionCallsBecomeToolCallsWithArgumentsAsAJsonString() {
        JsonNode choice = answer("gemini/generate-function-call.json").response().path("choices").path(0);

        JsonNode calls = choice.path("message").path("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.path(0).path("id").asText()).isEqualTo("call_0");
        assertThat(calls.path(1).path("id").asText()).isEqualTo("call_1");
        assertThat(calls.path(0).path("type").asText()).isEqualTo("function");
        assertThat(calls.path(0).path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(Harness.json(calls.path(1).path("function").path("arguments").asText()))
                .isEqualTo(Harness.json("{\"city\":\"Berlin\"}"));
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void thinkingTokensCountAsCompletionTokens() {
        JsonNode usage = answer("gemini/generate-function-call.json").response().path("usage");

        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(71);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(36 + 64);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(171);
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(64);
    }

    @Test
    void thoughtSignatureTravelsWithItsToolCall() {
        JsonNode calls = answer("gemini/generate-function-call.json").response()
                .path("choices").path(0).path("message").path("tool_calls");

        assertThat(calls.path(0).path("extra_content").path("google").path("thought_signature").asText())
                .isEqualTo("CiQB0e2Kb5TzeY8cn2vqbS4W+Gq7R1NPEvqYl0JtV3yHt6cYlB0KZQHR7Ypv");
        assertThat(calls.path(1).has("extra_content")).isFalse();
    }

    @Test
    void maxTokensFinishesWithLength() {
        JsonNode choice = answer("gemini/generate-max-tokens.json").response().path("choices").path(0);

        assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
        assertThat(choice.path("message").path("content").asText()).startsWith("Apache Kafka");
    }

    @Test
    void safetyStopFinishesWithContentFilter() {
        JsonNode choice = answer("gemini/generate-safety.json").response().path("choices").path(0);

        assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(choice.path("message").path("content").asText()).isEmpty();
    }

    /** What every Gemini and Ollama test needs: the test key, their models, and bodies cut the way they flush. */
    static final class Harness extends AdapterBench {

        static final String KEY = "AIzaSy-test-key-5c1d";

        /** An adapter with the test key, no options, and a timeout no test should reach. */
        ProviderAdapter adapter(String kind) {
            return adapter(config(kind, KEY, Map.of(), 10_000));
        }

        /** A provider at the scripted upstream; {@code flash} and {@code local} have upstream names. */
        ProviderConfig config(String kind, String key, Map<String, String> options, long timeoutMs) {
            Map<String, ModelConfig> models = Map.of(
                    "flash", new ModelConfig(0, 0, 1_000_000, null, null, "gemini-2.5-flash"),
                    "gemini-3-pro-preview", new ModelConfig(0, 0, 1_000_000, null, null, null),
                    "llama3.2", new ModelConfig(0, 0, 131_072, null, null, null),
                    "local", new ModelConfig(0, 0, 32_768, null, null, "qwen3:8b"));
            return new ProviderConfig(kind, upstream.url(), Secret.of(key), null, false, timeoutMs, models, null, options,
                    null);
        }

        /** A body cut after every {@code separator}, the way an upstream flushes its events or lines. */
        static List<String> pieces(String body, String separator) {
            List<String> pieces = new ArrayList<>();
            int start = 0;
            for (int end = body.indexOf(separator); end >= 0; end = body.indexOf(separator, start)) {
                pieces.add(body.substring(start, end + separator.length()));
                start = end + separator.length();
            }
            if (start < body.length()) {
                pieces.add(body.substring(start));
            }
            return pieces;
        }
    }
}
