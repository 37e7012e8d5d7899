package io.llmrouter.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}, {@code GET /stats} and {@code GET /v1/router/providers} over a real broker. */
class OperatorEndpointsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String API_KEY = "client-key-never-in-metrics";

    private static RouterBridge bridge;
    private static RouterStandIn router;

    @BeforeAll
    static void start() throws Exception {
        bridge = RouterStandIn.startBridge("metrics-it");
        router = new RouterStandIn(KafkaTestCluster.bootstrapServers());

        CompletableFuture<HttpResponse<String>> ok = post("/v1/chat/completions",
                "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"counted-ok\"}]}");
        router.ok(router.awaitRequest("counted-ok"), OpenAiChunks.completion("c-1", "fine", 7, 3));
        ok.get(30, TimeUnit.SECONDS);
        CompletableFuture<HttpResponse<String>> failed = post("/v1/messages",
                "{\"model\":\"auto\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"counted-error\"}]}");
        LlmRequest request = router.awaitRequest("counted-error");
        router.error(request, ErrorInfo.upstream("every provider failed"));
        failed.get(30, TimeUnit.SECONDS);
        post("/v1/chat/completions", "not json").get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        router.close();
    }

    private static CompletableFuture<HttpResponse<String>> post(String path, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + API_KEY).header("x-api-key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreServedInPrometheusTextFormatWithCountsErrorsAndTokens() throws Exception {
        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body())
                .contains("llm_router_requests_total{api=\"chat_completions\",model=\"simulator-fast\",outcome=\"ok\","
                        + "priority=\"normal\",provider=\"simulator\"} 1.0")
                .contains("llm_router_errors_total{api=\"messages\",cause=\"provider\",code=\"upstream_failed\"")
                .contains("llm_router_errors_total{api=\"chat_completions\",cause=\"caller\",code=\"invalid_request\"")
                .contains("llm_router_tokens_total{kind=\"completion\",model=\"simulator-fast\",priority=\"normal\","
                        + "provider=\"simulator\"} 3.0")
                .contains("llm_router_request_duration_seconds_bucket{")
                .contains("llm_router_requests_in_flight{api=\"messages\"} 0")
                .contains("jvm_memory_used_bytes")
                .doesNotContain(API_KEY);
    }

    @Test
    void statsCountWhatThisBridgeAnsweredInTheSeedsShape() throws Exception {
        HttpResponse<String> stats = get("/stats");

        assertThat(stats.statusCode()).isEqualTo(200);
        JsonNode json = WireFormat.mapper().readTree(stats.body());
        assertThat(json.path("total_requests").asInt()).isEqualTo(3);
        assertThat(json.path("successes").asInt()).isEqualTo(1);
        assertThat(json.path("failures").asInt()).isEqualTo(2);
        assertThat(json.path("success_rate").asDouble()).isEqualTo(0.333);
        assertThat(json.path("cache_hits").asInt()).isZero();
        assertThat(json.path("avg_latency_ms").asDouble()).isPositive();
        assertThat(json.path("requests_by_model").path("simulator-fast").asInt()).isEqualTo(1);
        assertThat(json.path("requests_by_priority").path("NORMAL").asInt()).isEqualTo(2);
    }

    @Test
    void providersShowWhatTheWorkersLastReportedOnTheHealthTopic() throws Exception {
        HealthEvent report = new HealthEvent("simulator", "simulator-fast", System.currentTimeMillis(), "half_open",
                12.5, 0.5, 0.0, 4);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                KafkaTestCluster.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.HEALTH, "simulator/simulator-fast", WireFormat.toBytes(report)))
                    .get(30, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode providers = WireFormat.mapper().readTree(get("/v1/router/providers").body());
            JsonNode fast = providers.path("simulator/simulator-fast");
            assertThat(fast.path("queue_depth").asInt()).isEqualTo(4);
            assertThat(fast.path("circuit_breaker").path("state").asText()).isEqualTo("half_open");
            assertThat(fast.path("latency_ms").asDouble()).isEqualTo(12.5);
        });
    }
}
