package io.llmrouter.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at the bridge, works as it would against OpenAI. */
class OpenAiSdkIT {

    private static RouterUnderTest router;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        router = RouterUnderTest.start();
        client = OpenAIOkHttpClient.builder().baseUrl(router.baseUrl()).apiKey("unused-in-dev-mode").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        router.close();
    }

    @Test
    void sdkGetsAChatCompletion() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("auto")
                .addSystemMessage("You are terse.")
                .addUserMessage("Name a stream processor.")
                .build());

        assertThat(completion.model()).isEqualTo("simulator-fast");
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(text ->
                assertThat(text).startsWith("[simulator]"));
        assertThat(completion.usage()).hasValueSatisfying(usage -> assertThat(usage.totalTokens()).isPositive());
    }

    @Test
    void sdkSeesUnknownModelsAsNotFound() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-model").addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-model");
    }

    @Test
    void sdkGetsEmbeddingsFromTheLocalModel() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-local")
                .inputOfArrayOfStrings(List.of("How do I reset my password?", "How can I change my password?",
                        "The capital of France is Paris."))
                .build());

        assertThat(response.model()).isEqualTo("all-minilm-l6-v2");
        assertThat(response.data()).hasSize(3);
        List<Float> first = response.data().get(0).embedding();
        assertThat(first).hasSize(384);
        assertThat(cosine(first, response.data().get(1).embedding()))
                .isGreaterThan(cosine(first, response.data().get(2).embedding()));
        assertThat(response.usage().promptTokens()).isPositive();
        assertThat(response.usage().totalTokens()).isEqualTo(response.usage().promptTokens());
    }

    @Test
    void sdkGetsTheSameVectorAsFloatsOrBase64() {
        EmbeddingCreateParams.Builder params = EmbeddingCreateParams.builder().model("all-minilm-l6-v2")
                .input("Kafka is a distributed log.");

        List<Float> floats = client.embeddings().create(params.encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                .build()).data().get(0).embedding();
        List<Float> decoded = client.embeddings().create(params.encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                .build()).data().get(0).embedding();

        assertThat(decoded).hasSize(384);
        for (int i = 0; i < floats.size(); i++) {
            assertThat(decoded.get(i)).isCloseTo(floats.get(i), org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void embeddingsCallsShowInTheMetricsAsTheLocalModel() {
        client.embeddings().create(EmbeddingCreateParams.builder().model("all-minilm-l6-v2")
                .input("Count me in the metrics.").build());

        String scrape = router.getRoot("/metrics").body();

        assertThat(scrape).containsPattern("llm_router_requests_total\\{api=\"embeddings\","
                + "model=\"all-minilm-l6-v2\",outcome=\"ok\",priority=\"none\",provider=\"local\"} [1-9]");
        assertThat(scrape).containsPattern("llm_router_tokens_total\\{kind=\"prompt\","
                + "model=\"all-minilm-l6-v2\",priority=\"none\",provider=\"local\"} [1-9]");
    }

    @Test
    void sdkSeesTokenArrayInputsAsBadRequests() {
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder()
                .model("all-minilm-l6-v2").inputOfArrayOfTokens(List.of(101L, 7592L, 102L)).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("input");
    }

    @Test
    void sdkSeesUnknownEmbeddingModelsAsNotFound() {
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("text-embedding-3-small");
    }

    @Test
    void sdkListsTheRoutedAndEmbeddingModels() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();

        assertThat(ids).contains("auto", "all-minilm-l6-v2", "text-embedding-local");
    }

    private static double cosine(List<Float> a, List<Float> b) {
        double dot = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.get(i) * b.get(i);
        }
        return dot;
    }
}
