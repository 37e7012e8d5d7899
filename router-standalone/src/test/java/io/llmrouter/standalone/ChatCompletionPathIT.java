package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.chat;
import static io.llmrouter.standalone.RouterUnderTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP in, through Kafka and the simulator, and back: the synchronous path end to end. */
class ChatCompletionPathIT {

    private static RouterUnderTest router;

    @BeforeAll
    static void startRouter() {
        router = RouterUnderTest.start();
    }

    @AfterAll
    static void stopRouter() {
        router.close();
    }

    @Test
    void autoModelIsAnsweredWithAChatCompletionFromTheSimulator() {
        HttpResponse<String> response = router.post("/chat/completions", chat("auto", "What is Kafka?"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode completion = json(response);
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("model").asText()).isEqualTo("simulator-fast");
        assertThat(completion.path("choices").get(0).path("message").path("content").asText())
                .startsWith("[simulator]").contains("What is Kafka?");
        assertThat(completion.path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(response.headers().firstValue("X-Router-Provider")).hasValue("simulator");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req-"));
    }

    @Test
    void criticalPriorityHeaderFollowsTheCriticalRoute() {
        HttpResponse<String> response = router.post("/chat/completions", chat("auto", "urgent"), "X-Priority", "critical");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("model").asText()).isEqualTo("simulator-smart");
    }

    @Test
    void fiftyConcurrentRequestsEachGetTheirOwnReply() {
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 50)
                .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                        router.post("/chat/completions", chat("auto", "question number " + i))))
                .toList();

        for (int i = 0; i < calls.size(); i++) {
            HttpResponse<String> response = calls.get(i).join();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).path("choices").get(0).path("message").path("content").asText())
                    .contains("\"question number " + i + "\"");
        }
    }

    @Test
    void invalidJsonIsAnsweredWithAnOpenAiErrorObject() {
        HttpResponse<String> response = router.post("/chat/completions", "{\"model\":");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("could not parse the JSON body");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
    }

    @Test
    void missingMessagesIsAnsweredWith400NamingTheParameter() {
        HttpResponse<String> response = router.post("/chat/completions", "{\"model\":\"auto\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("param").asText()).isEqualTo("messages");
    }

    @Test
    void unknownPriorityIsAnsweredWith400() {
        HttpResponse<String> response = router.post("/chat/completions", chat("auto", "hi"), "X-Priority", "urgent");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("message").asText()).contains("X-Priority");
    }

    @Test
    void unknownModelIsAnsweredWith404ModelNotFound() {
        HttpResponse<String> response = router.post("/chat/completions", chat("no-such-model", "hi"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void modelWhoseProviderHasNoKeyIsAnsweredWith503() {
        HttpResponse<String> response = router.post("/chat/completions", chat("gpt-4o-mini", "hi"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("error").path("message").asText()).contains("openai/gpt-4o-mini: provider off");
    }

    @Test
    void modelsEndpointListsTheVirtualAndTheSimulatorModels() {
        HttpResponse<String> response = router.get("/models");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data").findValuesAsText("id"))
                .contains("auto", "simulator/simulator-fast", "simulator/simulator-smart")
                .doesNotContain("openai/gpt-4o-mini");
    }

    @Test
    void unknownPathIsAnsweredWithAnOpenAiError() {
        HttpResponse<String> response = router.get("/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").path("message").asText()).contains("/v1/nothing-here");
    }
}
