package io.llmrouter.simulator;

import static io.llmrouter.simulator.SimulatorClient.chatBody;
import static io.llmrouter.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatCompletionTest {

    private static SimulatorServer server;
    private static SimulatorClient client;

    @BeforeAll
    static void startSimulator() {
        server = SimulatorServer.start(SimulatorSettings.defaults());
        client = new SimulatorClient(server);
    }

    @AfterAll
    static void stopSimulator() {
        server.close();
    }

    @Test
    void answersAWellFormedChatCompletion() {
        HttpResponse<String> response = client.postChat(chatBody("simulator-fast", "What is the capital of France?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = json(response.body());
        assertThat(body.path("id").asText()).startsWith("chatcmpl-sim-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("model").asText()).isEqualTo("simulator-fast");
        assertThat(body.path("system_fingerprint").asText()).isEqualTo("llm-router-simulator");
        JsonNode choice = body.path("choices").path(0);
        assertThat(body.path("choices")).hasSize(1);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText())
                .startsWith("[simulator]")
                .contains("What is the capital of France?");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void answersTheSameQuestionWithTheSameText() {
        String first = content(client.postChat(chatBody("simulator-fast", "Name three rivers.")));
        String second = content(client.postChat(chatBody("simulator-fast", "Name three rivers.")));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void answersADifferentQuestionWithDifferentText() {
        String rivers = content(client.postChat(chatBody("simulator-fast", "Name three rivers.")));
        String mountains = content(client.postChat(chatBody("simulator-fast", "Name three mountains.")));

        assertThat(mountains).isNotEqualTo(rivers);
    }

    @Test
    void reportsApproximateTokenUsage() {
        JsonNode body = json(client.postChat(chatBody("simulator-smart", "How many tokens is this?")).body());

        JsonNode usage = body.path("usage");
        int prompt = usage.path("prompt_tokens").asInt();
        int completion = usage.path("completion_tokens").asInt();
        // Four characters a token: "You are terse." (14) + "How many tokens is this?" (24) = 38 -> 10.
        assertThat(prompt).isEqualTo(10);
        assertThat(completion).isEqualTo((content(body).length() + 3) / 4);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(prompt + completion);
    }

    @Test
    void cutsTheAnswerAtMaxTokensWithFinishReasonLength() {
        ObjectNode request = chatBody("simulator-fast", "Tell me a long story.").put("max_tokens", 5);

        JsonNode body = json(client.postChat(request).body());

        assertThat(content(body)).hasSize(20).startsWith("[simulator]");
        assertThat(body.path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void honoursMaxCompletionTokensLikeMaxTokens() {
        ObjectNode request = chatBody("simulator-fast", "Tell me a long story.").put("max_completion_tokens", 3);

        JsonNode body = json(client.postChat(request).body());

        assertThat(content(body)).hasSize(12);
        assertThat(body.path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void readsMultiPartContentWithTextAndImages() {
        ObjectNode request = chatBody("simulator-fast", "unused");
        ArrayNode parts = ((ObjectNode) request.path("messages").path(1)).putArray("content");
        parts.addObject().put("type", "text").put("text", "What is in this picture?");
        parts.addObject().put("type", "image_url").putObject("image_url").put("url", "https://example.com/cat.png");

        HttpResponse<String> response = client.postChat(request);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(content(body)).contains("What is in this picture?");
        // 14 + 24 characters -> 10 tokens, plus 85 for the image.
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(95);
    }

    @Test
    void quotesTheLastUserMessageOfALongerConversation() {
        ObjectNode request = chatBody("simulator-fast", "First question?");
        ArrayNode messages = (ArrayNode) request.path("messages");
        messages.addObject().put("role", "assistant").put("content", "First answer.");
        messages.addObject().put("role", "user").put("content", "Second question?");

        String content = content(client.postChat(request));

        assertThat(content).contains("Second question?").doesNotContain("First question?");
    }

    @Test
    void answersAClientThatExpects100Continue() {
        HttpResponse<String> response = client.postChatExpectingContinue(chatBody("simulator-fast", "Is anyone there?"));

        assertThat(content(response)).contains("Is anyone there?");
    }

    private static String content(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return content(json(response.body()));
    }

    private static String content(JsonNode body) {
        return body.path("choices").path(0).path("message").path("content").asText();
    }
}
