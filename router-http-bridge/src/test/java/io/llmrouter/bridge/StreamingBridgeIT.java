package io.llmrouter.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code stream: true} through a real broker: the test writes the chunks and replies a worker would. */
class StreamingBridgeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RouterBridge bridge;
    private static RouterStandIn router;

    @BeforeAll
    static void start() {
        bridge = RouterStandIn.startBridge("sse-it");
        router = new RouterStandIn(KafkaTestCluster.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        bridge.close();
        router.close();
    }

    private static String streamingBody(String marker, boolean includeUsage) {
        return "{\"model\":\"auto\",\"stream\":true,\"stream_options\":{\"include_usage\":" + includeUsage + "},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + marker + "\"}]}";
    }

    private static HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static CompletableFuture<HttpResponse<String>> call(String body) {
        return HTTP.sendAsync(post(body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> response) throws Exception {
        return response.get(30, TimeUnit.SECONDS);
    }

    /** The data of each event of an SSE body, in order. */
    private static List<String> events(String body) {
        return Arrays.stream(body.split("\n\n")).map(event -> {
            assertThat(event).startsWith("data: ");
            return event.substring("data: ".length());
        }).toList();
    }

    private static JsonNode json(String data) throws Exception {
        return WireFormat.mapper().readTree(data);
    }

    private static void streamHello(LlmRequest request) {
        router.chunk(request, 0, OpenAiChunks.first("chatcmpl-1", "Hel"));
        router.chunk(request, 1, OpenAiChunks.content("chatcmpl-1", "lo"));
        router.chunk(request, 2, OpenAiChunks.finish("chatcmpl-1", "stop"));
        router.chunk(request, 3, OpenAiChunks.usageOnly("chatcmpl-1", 5, 2));
        router.ok(request, OpenAiChunks.completion("chatcmpl-1", "Hello", 5, 2));
    }

    @Test
    void chunksArriveInOrderAsEventsAndTheStreamEndsWithDone() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call(streamingBody("in-order", false));
        LlmRequest request = router.awaitRequest("in-order");

        streamHello(request);

        HttpResponse<String> answer = await(response);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(answer.headers().firstValue("X-Request-Id")).contains(request.requestId());
        List<String> events = events(answer.body());
        assertThat(events).hasSize(4).last().isEqualTo("[DONE]");
        assertThat(json(events.get(0)).path("choices").get(0).path("delta").path("content").asText()).isEqualTo("Hel");
        assertThat(json(events.get(1)).path("choices").get(0).path("delta").path("content").asText()).isEqualTo("lo");
        assertThat(json(events.get(2)).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void theRequestReachesTheRouterWithItsStreamSettingsAsSent() {
        call(streamingBody("as-sent", true));

        LlmRequest request = router.awaitRequest("as-sent");

        assertThat(request.body().path("stream").asBoolean()).isTrue();
        assertThat(request.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(request.replyTo()).isEqualTo("llm.replies.sse-it");
        router.error(request, ErrorInfo.internal("not needed"));
    }

    @Test
    void withoutIncludeUsageNoEventMentionsUsage() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call(streamingBody("no-usage", false));
        LlmRequest request = router.awaitRequest("no-usage");

        streamHello(request);

        assertThat(await(response).body()).doesNotContain("usage");
    }

    @Test
    void withIncludeUsageTheLastChunkBeforeDoneCarriesTheUsage() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call(streamingBody("with-usage", true));
        LlmRequest request = router.awaitRequest("with-usage");

        streamHello(request);

        List<String> events = events(await(response).body());
        assertThat(events).hasSize(5).last().isEqualTo("[DONE]");
        for (String content : events.subList(0, 3)) {
            assertThat(json(content).get("usage").isNull()).isTrue();
        }
        JsonNode usage = json(events.get(3));
        assertThat(usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void anErrorBeforeTheFirstChunkIsAPlainOpenAiErrorWithItsStatus() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call(streamingBody("unknown-model", false));
        LlmRequest request = router.awaitRequest("unknown-model");

        router.error(request, ErrorInfo.modelNotFound("no-such-model"));

        HttpResponse<String> answer = await(response);
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json(answer.body()).path("error").path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void anErrorAfterTheStreamStartedEndsItWithAnErrorEventAndNoDone() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call(streamingBody("mid-stream", false));
        LlmRequest request = router.awaitRequest("mid-stream");

        router.chunk(request, 0, OpenAiChunks.first("chatcmpl-2", "Hel"));
        router.error(request, ErrorInfo.upstream("The upstream closed the connection"));

        HttpResponse<String> answer = await(response);
        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> events = events(answer.body());
        assertThat(events).hasSize(2).doesNotContain("[DONE]");
        JsonNode error = json(events.get(1)).path("error");
        assertThat(error.path("message").asText()).isEqualTo("The upstream closed the connection");
        assertThat(error.path("type").asText()).isEqualTo("upstream_error");
        assertThat(error.path("code").asText()).isEqualTo("upstream_failed");
        assertThat(error.has("param")).isTrue();
    }

    @Test
    void aRepeatedChunkIsWrittenOnce() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call(streamingBody("duplicate", false));
        LlmRequest request = router.awaitRequest("duplicate");

        router.chunk(request, 0, OpenAiChunks.first("chatcmpl-3", "A"));
        router.chunk(request, 1, OpenAiChunks.content("chatcmpl-3", "B"));
        router.chunk(request, 1, OpenAiChunks.content("chatcmpl-3", "B"));
        router.chunk(request, 0, OpenAiChunks.first("chatcmpl-3", "A"));
        router.chunk(request, 2, OpenAiChunks.content("chatcmpl-3", "C"));
        router.ok(request, OpenAiChunks.completion("chatcmpl-3", "ABC", 1, 3));

        List<String> events = events(await(response).body());
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            text.append(json(event).path("choices").get(0).path("delta").path("content").asText());
        }
        assertThat(text).hasToString("ABC");
        assertThat(events).hasSize(4).last().isEqualTo("[DONE]");
    }

    @Test
    void aChunkReachesTheCallerBeforeTheStreamEnds() throws Exception {
        CompletableFuture<HttpResponse<Stream<String>>> response =
                HTTP.sendAsync(post(streamingBody("as-it-comes", false)), HttpResponse.BodyHandlers.ofLines());
        LlmRequest request = router.awaitRequest("as-it-comes");

        router.chunk(request, 0, OpenAiChunks.first("chatcmpl-4", "first"));

        Iterator<String> lines = response.get(30, TimeUnit.SECONDS).body().iterator();
        assertThat(lines.next()).startsWith("data: ").contains("\"content\":\"first\"");
        router.ok(request, OpenAiChunks.completion("chatcmpl-4", "first", 1, 1));
        List<String> rest = new ArrayList<>();
        lines.forEachRemaining(rest::add);
        assertThat(rest).filteredOn(line -> !line.isEmpty()).containsExactly("data: [DONE]");
    }

    @Test
    void aReplyWithoutTheTypeHeaderEndsTheStreamAsOlderProducersWriteIt() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call(streamingBody("untyped-reply", false));
        LlmRequest request = router.awaitRequest("untyped-reply");

        router.chunk(request, 0, OpenAiChunks.first("chatcmpl-5", "Hi"));
        router.reply(request, new LlmReply(request.requestId(), LlmReply.Status.OK, "simulator", OpenAiChunks.MODEL,
                OpenAiChunks.completion("chatcmpl-5", "Hi", 1, 1), null, null, null), null);

        assertThat(events(await(response).body())).hasSize(2).last().isEqualTo("[DONE]");
    }

    @Test
    void theOpenAiSdkReadsTheStreamedTextAndUsage() throws Exception {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + bridge.port() + "/v1")
                .apiKey("unused-in-dev-mode").maxRetries(0).build();
        try {
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                    .model("auto")
                    .addUserMessage("sdk-stream")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build();
            CompletableFuture<List<ChatCompletionChunk>> received = CompletableFuture.supplyAsync(() -> {
                try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                    return stream.stream().toList();
                }
            });
            LlmRequest request = router.awaitRequest("sdk-stream");

            streamHello(request);

            List<ChatCompletionChunk> chunks = received.get(30, TimeUnit.SECONDS);
            String text = chunks.stream().flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse("")).reduce("", String::concat);
            assertThat(text).isEqualTo("Hello");
            assertThat(chunks.get(chunks.size() - 1).usage())
                    .hasValueSatisfying(usage -> assertThat(usage.totalTokens()).isEqualTo(7));
        } finally {
            client.close();
        }
    }
}
