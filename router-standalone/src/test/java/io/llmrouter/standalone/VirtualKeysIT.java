package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.chat;
import static io.llmrouter.standalone.RouterUnderTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.llmrouter.config.KeyHash;
import io.llmrouter.config.KeysConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.config.VirtualKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Virtual keys through the whole router on the test broker: keys checked at the bridge, limits decided by the key
 * ledger in the topology, keys created and revoked through the admin endpoint.
 */
class VirtualKeysIT {

    // Key ids of their own per run: the ledger's changelog outlives a run on the shared test broker.
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String ADMIN = "it-admin-" + RUN;
    private static final String OPEN = "open-" + RUN;
    private static final String NARROW = "narrow-" + RUN;
    private static final String THREE_A_MINUTE = "rpm-" + RUN;
    private static final String TINY_BUDGET = "budget-" + RUN;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static RouterUnderTest router;

    @BeforeAll
    static void start() {
        Map<String, VirtualKey> keys = new LinkedHashMap<>();
        keys.put(OPEN, key(OPEN, List.of(), null, null));
        keys.put(NARROW, key(NARROW, List.of("cheap"), null, null));
        keys.put(THREE_A_MINUTE, key(THREE_A_MINUTE, List.of(), 3L, null));
        keys.put(TINY_BUDGET, key(TINY_BUDGET, List.of(), null, 1L));
        router = RouterUnderTest.start(config -> config.withKeys(new KeysConfig(Secret.of(ADMIN), null, keys)));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static VirtualKey key(String id, List<String> models, Long rpm, Long monthlyTokens) {
        return new VirtualKey(KeyHash.sha256Hex(id + "-secret"), null, models, null, rpm, null, monthlyTokens, null);
    }

    private static String bearer(String id) {
        return "Bearer " + id + "-secret";
    }

    private static HttpResponse<String> chatWith(String authorization, String prompt) {
        return router.post("/chat/completions", chat("auto", prompt + " " + System.nanoTime()),
                "Authorization", authorization, "Cache-Control", "no-cache");
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        String root = router.baseUrl().replace("/v1", "");
        return HTTP.send(HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void missingOrUnknownKeyIs401() {
        HttpResponse<String> missing = router.post("/chat/completions", chat("auto", "no key"));
        HttpResponse<String> unknown = chatWith("Bearer not-a-key", "bad key");
        HttpResponse<String> anthropic = router.post("/messages", "{\"model\":\"auto\",\"max_tokens\":20,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", "not-a-key");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(anthropic.statusCode()).isEqualTo(401);
        assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void embeddingsWithoutAKeyAre401() {
        HttpResponse<String> response = router.post("/embeddings", "{\"model\":\"all-minilm-l6-v2\",\"input\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void knownKeyIsServedOnBothApis() {
        HttpResponse<String> messages = router.post("/messages", "{\"model\":\"auto\",\"max_tokens\":20,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello " + System.nanoTime() + "\"}]}",
                "x-api-key", OPEN + "-secret");

        assertThat(chatWith(bearer(OPEN), "hello").statusCode()).isEqualTo(200);
        assertThat(messages.statusCode()).isEqualTo(200);
    }

    @Test
    void modelOutsideTheKeysListIs403() {
        HttpResponse<String> refused = chatWith(bearer(NARROW), "auto is not mine");
        HttpResponse<String> allowed = router.post("/chat/completions", chat("cheap", "cheap is " + System.nanoTime()),
                "Authorization", bearer(NARROW));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("model_not_allowed");
        assertThat(allowed.statusCode()).isEqualTo(200);
    }

    @Test
    void requestsOverTheKeysRateAre429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(chatWith(bearer(THREE_A_MINUTE), "within the rate").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> over = chatWith(bearer(THREE_A_MINUTE), "over the rate");

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(json(over).at("/error/code").asText()).isEqualTo("rate_limited");
        assertThat(json(over).at("/error/message").asText())
                .contains("virtual key '" + THREE_A_MINUTE + "' over its requests-per-minute quota (3;");
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void requestsOverTheKeysMonthlyBudgetAre429() {
        assertThat(chatWith(bearer(TINY_BUDGET), "the first is served").statusCode()).isEqualTo(200);

        HttpResponse<String> over = chatWith(bearer(TINY_BUDGET), "the second is not");

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(json(over).at("/error/code").asText()).isEqualTo("budget_exceeded");
        assertThat(json(over).at("/error/message").asText()).startsWith("Budget exceeded: virtual key '"
                + TINY_BUDGET + "' over its tokens-per-month quota (1;");
    }

    @Test
    void keyCreatedThroughTheAdminEndpointWorksWithItsLimitsUntilRevoked() throws Exception {
        String id = "created-" + RUN;
        HttpResponse<String> created = admin("POST", "/admin/keys",
                "{\"id\":\"" + id + "\",\"requests-per-minute\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        String secret = json(created).path("key").asText();

        assertThat(chatWith("Bearer " + secret, "created key").statusCode()).isEqualTo(200);
        HttpResponse<String> limited = chatWith("Bearer " + secret, "created key again");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).at("/error/code").asText()).isEqualTo("rate_limited");

        assertThat(admin("DELETE", "/admin/keys/" + id, null).statusCode()).isEqualTo(200);
        assertThat(chatWith("Bearer " + secret, "revoked key").statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/admin/keys", null).body()).doesNotContain(id).doesNotContain(secret);
    }
}
