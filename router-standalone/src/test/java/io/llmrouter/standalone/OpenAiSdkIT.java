package io.llmrouter.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
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
}
