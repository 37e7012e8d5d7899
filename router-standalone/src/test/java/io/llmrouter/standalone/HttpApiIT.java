package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator endpoints of the whole router: metrics and stats of answered calls, and the workers' health. */
class HttpApiIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static RouterUnderTest router;

    @BeforeAll
    static void start() {
        router = RouterUnderTest.start();
        assertThat(router.post("/chat/completions", chat("auto", "count me")).statusCode()).isEqualTo(200);
        assertThat(router.post("/messages", "{\"model\":\"auto\",\"max_tokens\":50,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"count me too\"}]}", "X-Priority", "high").statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static HttpResponse<String> get(String path) {
        return router.getRoot(path);
    }

    @Test
    void metricsCountBothApisByTheProviderThatServed() throws Exception {
        String metrics = get("/metrics").body();

        assertThat(metrics).contains("llm_router_requests_total{api=\"chat_completions\",model=\"simulator-fast\","
                + "outcome=\"ok\",priority=\"normal\",provider=\"simulator\"} 1.0");
        assertThat(metrics).contains("llm_router_requests_total{api=\"messages\",model=\"simulator-fast\","
                + "outcome=\"ok\",priority=\"high\",provider=\"simulator\"} 1.0");
        assertThat(metrics).contains("llm_router_tokens_total{kind=\"prompt\"");
    }

    @Test
    void statsTotalTheAnsweredCalls() throws Exception {
        JsonNode stats = WireFormat.mapper().readTree(get("/stats").body());

        assertThat(stats.path("total_requests").asInt()).isEqualTo(2);
        assertThat(stats.path("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(stats.path("requests_by_priority").path("HIGH").asInt()).isEqualTo(1);
    }

    @Test
    void providersShowTheSimulatorsBreakerOnceItsWorkersReport() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode providers = WireFormat.mapper().readTree(get("/v1/router/providers").body());
            assertThat(providers.path("simulator").path("circuit_breaker").path("state").asText()).isEqualTo("closed");
        });
    }
}
