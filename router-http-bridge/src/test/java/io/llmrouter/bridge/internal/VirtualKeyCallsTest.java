package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.config.KeyHash;
import io.llmrouter.config.KeysConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.config.VirtualKey;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Virtual keys at the HTTP edge: 401, 403, the priority ceiling, the key id on the request, the admin endpoint. */
class VirtualKeyCallsTest {

    private static final String TEAM_KEY = KeyHash.generate();
    private static final String ADMIN_KEY = KeyHash.generate();
    private static final String CHAT = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String MESSAGES = "{\"model\":\"auto\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private Vertx vertx;
    private RequestPublisher publisher;
    private int port;

    private void serve(KeysConfig keys) throws Exception {
        vertx = Vertx.vertx();
        publisher = new RequestPublisher(producer);
        KeyRing ring = new KeyRing(keys);
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        // A long timeout: these tests look at what was published, and no reply ever comes.
        router.post("/v1/chat/completions").handler(new ChatCompletionsHandler(vertx, new PendingReplies(10),
                publisher, "llm.replies.unit", 60_000, Clock.systemUTC(), CallObserver.NONE, new KeyGate(ring)));
        router.post("/v1/messages").handler(new MessagesHandler(vertx, new PendingReplies(10), publisher,
                "llm.replies.unit", 60_000, Clock.systemUTC(), CallObserver.NONE, new KeyGate(ring)));
        new AdminKeysHandler(ring, publisher).mount(router);
        port = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private static KeysConfig teamKey(List<String> models, Priority ceiling) {
        return new KeysConfig(Secret.of(ADMIN_KEY), null, Map.of("team-a",
                new VirtualKey(KeyHash.sha256Hex(TEAM_KEY), null, models, ceiling, null, null, null, null)));
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // A plain call waits for a reply that never comes here, so the test only starts it and reads what was published.
    private LlmRequest publishedAfter(String path, String body, String... headers) throws Exception {
        int before = producer.history().size();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofMinutes(1)).until(() -> producer.history().size() > before);
        return WireFormat.fromBytes(producer.history().get(before).value(), LlmRequest.class);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return WireFormat.fromBytes(response.body().getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }

    @Test
    void missingKeyIs401InOpenAisShape() throws Exception {
        serve(teamKey(List.of(), null));

        HttpResponse<String> response = send("POST", "/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void wrongKeyOnMessagesIs401InAnthropicsShape() throws Exception {
        serve(teamKey(List.of(), null));

        HttpResponse<String> response = send("POST", "/v1/messages", MESSAGES, "x-api-key", "wrong-key");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(response.body()).doesNotContain("wrong-key");
    }

    @Test
    void knownKeyGoesOnAsItsIdOnly() throws Exception {
        serve(teamKey(List.of(), null));

        LlmRequest request = publishedAfter("/v1/chat/completions", CHAT, "Authorization", "Bearer " + TEAM_KEY);

        assertThat(request.hints().apiKeyId()).isEqualTo("team-a");
        assertThat(new String(producer.history().get(0).value(), StandardCharsets.UTF_8)).doesNotContain(TEAM_KEY);
    }

    @Test
    void messagesAcceptTheKeyAsXApiKey() throws Exception {
        serve(teamKey(List.of(), null));

        LlmRequest request = publishedAfter("/v1/messages", MESSAGES, "x-api-key", TEAM_KEY);

        assertThat(request.hints().apiKeyId()).isEqualTo("team-a");
    }

    @Test
    void modelTheKeyMayNotUseIs403() throws Exception {
        serve(teamKey(List.of("cheap"), null));

        HttpResponse<String> response = send("POST", "/v1/chat/completions", CHAT,
                "Authorization", "Bearer " + TEAM_KEY);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("model_not_allowed");
        assertThat(json(response).at("/error/message").asText()).contains("'team-a'").contains("'auto'");
    }

    @Test
    void priorityAboveTheCeilingIsLowered() throws Exception {
        serve(teamKey(List.of(), Priority.HIGH));

        LlmRequest request = publishedAfter("/v1/chat/completions", CHAT, "Authorization", "Bearer " + TEAM_KEY,
                "X-Priority", "critical");

        assertThat(request.priority()).isEqualTo(Priority.HIGH);
        assertThat(producer.history().get(0).topic()).isEqualTo("llm.requests.high");
    }

    @Test
    void withoutKeysTheBridgeIsOpen() throws Exception {
        serve(KeysConfig.NONE);

        LlmRequest request = publishedAfter("/v1/chat/completions", CHAT, "Authorization", "Bearer anything");

        assertThat(request.hints().apiKeyId()).isNull();
    }

    @Test
    void adminEndpointRefusesAnyOtherKey() throws Exception {
        serve(teamKey(List.of(), null));

        assertThat(send("GET", "/admin/keys", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin/keys", null, "Authorization", "Bearer " + TEAM_KEY).statusCode())
                .isEqualTo(401);
    }

    @Test
    void createdKeyIsPublishedAsItsDigestAndWorksAtOnce() throws Exception {
        serve(teamKey(List.of(), null));

        HttpResponse<String> created = send("POST", "/admin/keys",
                "{\"id\":\"ci\",\"requests-per-minute\":5,\"allowed-models\":[\"auto\"]}",
                "Authorization", "Bearer " + ADMIN_KEY);

        assertThat(created.statusCode()).isEqualTo(201);
        String secret = json(created).path("key").asText();
        assertThat(secret).startsWith(KeyHash.GENERATED_PREFIX);
        ProducerRecord<String, byte[]> stored = producer.history().get(0);
        assertThat(stored.topic()).isEqualTo(Topics.KEYS);
        assertThat(stored.key()).isEqualTo("ci");
        VirtualKey key = WireFormat.fromBytes(stored.value(), VirtualKey.class);
        assertThat(key.keySha256()).isEqualTo(KeyHash.sha256Hex(secret));
        assertThat(key.requestsPerMinute()).isEqualTo(5);
        assertThat(new String(stored.value(), StandardCharsets.UTF_8)).doesNotContain(secret);
        assertThat(publishedAfter("/v1/chat/completions", CHAT, "Authorization", "Bearer " + secret)
                .hints().apiKeyId()).isEqualTo("ci");
    }

    @Test
    void listedKeysShowLimitsButNoDigest() throws Exception {
        serve(teamKey(List.of("cheap"), null));

        HttpResponse<String> listed = send("GET", "/admin/keys", null, "Authorization", "Bearer " + ADMIN_KEY);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed).at("/data/0/id").asText()).isEqualTo("team-a");
        assertThat(json(listed).at("/data/0/source").asText()).isEqualTo("config");
        assertThat(listed.body()).doesNotContain(KeyHash.sha256Hex(TEAM_KEY));
    }

    @Test
    void revokedKeyIsTombstonedAndRefused() throws Exception {
        serve(teamKey(List.of(), null));
        String secret = json(send("POST", "/admin/keys", "{\"id\":\"temp\"}", "Authorization", "Bearer " + ADMIN_KEY))
                .path("key").asText();

        HttpResponse<String> revoked = send("DELETE", "/admin/keys/temp", null, "Authorization", "Bearer " + ADMIN_KEY);

        assertThat(revoked.statusCode()).isEqualTo(200);
        ProducerRecord<String, byte[]> tombstone = producer.history().get(producer.history().size() - 1);
        assertThat(tombstone.key()).isEqualTo("temp");
        assertThat(tombstone.value()).isNull();
        assertThat(send("POST", "/v1/chat/completions", CHAT, "Authorization", "Bearer " + secret).statusCode())
                .isEqualTo(401);
    }

    @Test
    void configuredKeysCannotBeRevokedAtRunTime() throws Exception {
        serve(teamKey(List.of(), null));

        assertThat(send("DELETE", "/admin/keys/team-a", null, "Authorization", "Bearer " + ADMIN_KEY).statusCode())
                .isEqualTo(409);
    }

    @Test
    void creationWithBadLimitsIsRefused() throws Exception {
        serve(teamKey(List.of(), null));

        HttpResponse<String> response = send("POST", "/admin/keys", "{\"id\":\"x\",\"monthly-usd\":-1}",
                "Authorization", "Bearer " + ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("x.monthly-usd: must be above 0");
    }
}
