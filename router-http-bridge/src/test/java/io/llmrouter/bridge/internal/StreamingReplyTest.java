package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.llmrouter.bridge.OpenAiChunks;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.StreamChunk;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A streamed call through the real HTTP handler, with the test in the reply listener's place. */
class StreamingReplyTest {

    private static final long TIMEOUT_MS = 400;
    private static final long PATIENT_MS = 60_000;
    private static final String STREAM = "{\"model\":\"auto\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM_WITH_USAGE = "{\"model\":\"auto\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final PendingReplies pending = new PendingReplies(10);
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private Vertx vertx;
    private RequestPublisher publisher;
    private int port;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        publisher = new RequestPublisher(producer);
    }

    private void serve(long timeoutMs) throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.post("/v1/chat/completions").handler(new ChatCompletionsHandler(vertx, pending, publisher,
                "llm.replies.unit", timeoutMs, Clock.systemUTC(), CallObserver.NONE, KeyGate.OPEN));
        port = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stopVertx() throws Exception {
        publisher.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> call(String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String publishedRequestId() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !producer.history().isEmpty());
        return producer.history().get(0).key();
    }

    private void chunk(String requestId, int sequence, String text) {
        pending.deliver(new StreamChunk(requestId, sequence, OpenAiChunks.content("chatcmpl-1", text)));
    }

    private static List<String> events(String body) {
        return Arrays.stream(body.split("\n\n")).map(event -> event.substring("data: ".length())).toList();
    }

    @Test
    void aStreamIsSentAsEventsWithTheEventStreamHeaders() throws Exception {
        serve(TIMEOUT_MS);
        CompletableFuture<HttpResponse<String>> response = call(STREAM);
        String requestId = publishedRequestId();

        chunk(requestId, 0, "Hel");
        chunk(requestId, 1, "lo");
        pending.complete(new LlmReply(requestId, LlmReply.Status.OK, "simulator", OpenAiChunks.MODEL,
                OpenAiChunks.completion("chatcmpl-1", "Hello", 2, 2), null, null, null));

        HttpResponse<String> answer = response.get(5, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(answer.headers().firstValue("X-Request-Id")).contains(requestId);
        assertThat(events(answer.body())).hasSize(3).last().isEqualTo("[DONE]");
    }

    @Test
    void eachChunkGivesTheStreamAnotherTimeoutToRunBeforeItEndsWithDone() throws Exception {
        serve(TIMEOUT_MS);
        CompletableFuture<HttpResponse<String>> response = call(STREAM);
        String requestId = publishedRequestId();

        for (int sequence = 0; sequence < 3; sequence++) {
            chunk(requestId, sequence, "part " + sequence);
            Thread.sleep(TIMEOUT_MS * 2 / 3);
        }
        pending.complete(new LlmReply(requestId, LlmReply.Status.OK, "simulator", OpenAiChunks.MODEL,
                OpenAiChunks.completion("chatcmpl-1", "part 0part 1part 2", 2, 6), null, null, null));

        assertThat(events(response.get(5, TimeUnit.SECONDS).body())).hasSize(4).last().isEqualTo("[DONE]");
    }

    @Test
    void aStreamThatGoesQuietAfterItStartedEndsWithATimeoutErrorEventAndNoDone() throws Exception {
        serve(TIMEOUT_MS);
        CompletableFuture<HttpResponse<String>> response = call(STREAM);
        String requestId = publishedRequestId();

        chunk(requestId, 0, "Hel");

        HttpResponse<String> answer = response.get(5, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> events = events(answer.body());
        assertThat(events).hasSize(2).doesNotContain("[DONE]");
        assertThat(events.get(0)).contains("\"content\":\"Hel\"");
        assertThat(events.get(1)).contains("\"type\":\"timeout\"").contains("No stream chunk within " + TIMEOUT_MS);
        assertThat(pending.size()).isZero();
    }

    @Test
    void aStreamWithNoChunkInTimeIsAnsweredWithAJson504() throws Exception {
        serve(TIMEOUT_MS);
        CompletableFuture<HttpResponse<String>> response = call(STREAM);
        publishedRequestId();

        HttpResponse<String> answer = response.get(5, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(answer.body()).contains("\"type\":\"timeout\"").contains("No reply within " + TIMEOUT_MS);
    }

    @Test
    void aReplyWithoutChunksIsStreamedAsOneChunkThenItsUsageThenDone() throws Exception {
        serve(TIMEOUT_MS);
        CompletableFuture<HttpResponse<String>> response = call(STREAM_WITH_USAGE);
        String requestId = publishedRequestId();

        pending.complete(new LlmReply(requestId, LlmReply.Status.OK, "simulator", OpenAiChunks.MODEL,
                OpenAiChunks.completion("chatcmpl-7", "cached answer", 3, 2), null, null, null));

        HttpResponse<String> answer = response.get(5, TimeUnit.SECONDS);
        assertThat(answer.headers().firstValue("X-Router-Provider")).contains("simulator");
        List<String> events = events(answer.body());
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).contains("\"content\":\"cached answer\"").contains("\"usage\":null");
        assertThat(events.get(1)).contains("\"choices\":[]").contains("\"total_tokens\":5");
        assertThat(events.get(2)).isEqualTo("[DONE]");
    }

    @Test
    void aCallerWhoHangsUpMidStreamFreesItsPlace() throws Exception {
        // A timeout long enough that only the hang-up can free the place within the test.
        serve(PATIENT_MS);
        byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String requestId = publishedRequestId();
            chunk(requestId, 0, "Hel");
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith("data: "));
            assertThat(line).contains("Hel");
            assertThat(pending.size()).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> pending.size() == 0);
    }
}
