package io.llmrouter.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/messages} through a real broker: the test plays the router and reads what the bridge sent. */
class MessagesBridgeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String API_KEY = "client-key-not-to-be-forwarded";

    private static RouterBridge bridge;
    private static RouterStandIn router;

    @BeforeAll
    static void start() {
        bridge = RouterStandIn.startBridge("messages-it");
        router = new RouterStandIn(KafkaTestCluster.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        bridge.close();
        router.close();
    }

    private static String body(String marker, boolean stream) {
        return "{\"model\":\"auto\",\"max_tokens\":100,\"stream\":" + stream + ",\"system\":\"Be brief.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + marker + "\"}]}";
    }

    private static CompletableFuture<HttpResponse<String>> call(String path, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("x-api-key", API_KEY)
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> response) throws Exception {
        return response.get(30, TimeUnit.SECONDS);
    }

    private static JsonNode json(String text) throws Exception {
        return WireFormat.mapper().readTree(text);
    }

    @Test
    void messageIsRoutedAsAChatRequestAndAnsweredAsAnAnthropicMessage() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call("/v1/messages", body("plain-message", false));
        LlmRequest request = router.awaitRequest("plain-message");

        router.ok(request, OpenAiChunks.completion("chatcmpl-9", "Hello there", 11, 2));

        HttpResponse<String> answer = await(response);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("request-id")).contains(request.requestId());
        assertThat(answer.headers().firstValue("X-Router-Provider")).contains("simulator");
        JsonNode message = json(answer.body());
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("id").asText()).startsWith("msg_");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Hello there");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.path("usage").path("input_tokens").asInt()).isEqualTo(11);
        assertThat(request.body().path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(request.body().path("max_tokens").asInt()).isEqualTo(100);
        assertThat(new String(WireFormat.toBytes(request))).doesNotContain(API_KEY);
    }

    @Test
    void streamedMessageArrivesAsAnthropicEventsBuiltFromTheChunks() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call("/v1/messages", body("streamed-message", true));
        LlmRequest request = router.awaitRequest("streamed-message");
        assertThat(request.body().path("stream_options").path("include_usage").asBoolean()).isTrue();

        router.chunk(request, 0, OpenAiChunks.first("chatcmpl-1", "Hel"));
        router.chunk(request, 1, OpenAiChunks.content("chatcmpl-1", "lo"));
        router.chunk(request, 2, OpenAiChunks.finish("chatcmpl-1", "length"));
        router.chunk(request, 3, OpenAiChunks.usageOnly("chatcmpl-1", 5, 2));
        router.ok(request, OpenAiChunks.completion("chatcmpl-1", "Hello", 5, 2));

        HttpResponse<String> answer = await(response);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).contains("text/event-stream");
        List<String> names = Arrays.stream(answer.body().split("\n\n"))
                .map(event -> event.lines().findFirst().orElse("")).toList();
        assertThat(names).containsExactly("event: message_start", "event: ping", "event: content_block_start",
                "event: content_block_delta", "event: content_block_delta", "event: content_block_stop",
                "event: message_delta", "event: message_stop");
        assertThat(answer.body()).contains("\"stop_reason\":\"max_tokens\"").contains("\"output_tokens\":2");
    }

    @Test
    void routerErrorsComeBackInAnthropicsShapeWithTheirStatus() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call("/v1/messages", body("unknown-model", false));
        LlmRequest request = router.awaitRequest("unknown-model");

        router.error(request, ErrorInfo.modelNotFound("auto"));

        HttpResponse<String> answer = await(response);
        assertThat(answer.statusCode()).isEqualTo(404);
        JsonNode error = json(answer.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("not_found_error");
        assertThat(error.path("request_id").asText()).isEqualTo(request.requestId());
    }

    @Test
    void invalidRequestsAreRefusedAtTheBridgeInAnthropicsShape() throws Exception {
        HttpResponse<String> answer = await(call("/v1/messages",
                "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"no max_tokens\"}]}"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(json(answer.body()).path("error").path("message").asText()).contains("max_tokens");
    }

    @Test
    void unknownPathsUnderMessagesAnswerInAnthropicsShape() throws Exception {
        HttpResponse<String> answer = await(call("/v1/messages/batches", "{}"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(json(answer.body()).path("error").path("type").asText()).isEqualTo("not_found_error");
    }
}
