package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.chat;
import static io.llmrouter.standalone.RouterUnderTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.Topics;
import io.llmrouter.simulator.SimulatorServer;
import io.llmrouter.simulator.SimulatorSettings;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.testsupport.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two cloud providers of OpenAI-compatible kinds, each at a simulator and each allowed one request a minute, and a
 * local Ollama (a fake speaking its /api/chat) outside the route, allowed one too: through the real broker, requests
 * move from the first provider to the fallback, then to the local model, and then get a 429 with Retry-After.
 */
class QuotaFallbackIT {

    private static final String CONFIG = """
            kafka:
              bootstrap-servers: replaced-by-the-test-cluster:9092
            cache:
              enabled: false
            providers:
              %1$s:
                kind: openai
                base-url: ${OPENAI_BASE_URL}
                api-key: ${OPENAI_API_KEY}
                quota: {requests-per-minute: 1}
                models:
                  gpt-4o-mini: {input-price-per-mtok: 0.15, output-price-per-mtok: 0.60, context-window: 128000}
              %2$s:
                kind: groq
                base-url: ${GROQ_BASE_URL}
                api-key: ${GROQ_API_KEY}
                quota: {requests-per-minute: 1}
                models:
                  llama-3.1-8b-instant: {input-price-per-mtok: 0.05, output-price-per-mtok: 0.08, context-window: 131072}
              %3$s:
                kind: ollama
                base-url: ${OLLAMA_BASE_URL}
                quota: {requests-per-minute: 1}
                models:
                  llama3.2: {context-window: 131072}
            routes:
              default:
                targets: [%1$s/gpt-4o-mini]
                fallbacks: [%2$s/llama-3.1-8b-instant]
            """;

    private static final String OLLAMA_ANSWER = """
            {"model": "llama3.2", "created_at": "2025-01-15T10:21:08.419531Z",
             "message": {"role": "assistant", "content": "Hello from the local model."},
             "done_reason": "stop", "done": true, "prompt_eval_count": 31, "eval_count": 12}""";

    /** Provider ids of their own per test: the ledger keeps quota state in Kafka, across restarts of the router. */
    private static final AtomicInteger RUNS = new AtomicInteger();
    private final String openaiId = "openai" + RUNS.incrementAndGet();
    private final String groqId = "groq" + RUNS.get();
    private final String ollamaId = "ollama" + RUNS.get();
    private SimulatorServer openai;
    private SimulatorServer groq;
    private ScriptedUpstream ollama;
    private RouterUnderTest router;

    @BeforeEach
    void start() {
        openai = SimulatorServer.start(SimulatorSettings.defaults().withModels(List.of("gpt-4o-mini")));
        groq = SimulatorServer.start(SimulatorSettings.defaults().withModels(List.of("llama-3.1-8b-instant")));
        ollama = new ScriptedUpstream().byDefault(ScriptedUpstream.json(OLLAMA_ANSWER));
        RouterConfig quotas = ConfigLoader.parse(CONFIG.formatted(openaiId, groqId, ollamaId), "quota-fallback-it.yaml", Map.of(
                "OPENAI_BASE_URL", openai.baseUrl(), "OPENAI_API_KEY", "test-key-openai-sim",
                "GROQ_BASE_URL", groq.baseUrl(), "GROQ_API_KEY", "test-key-groq-sim",
                "OLLAMA_BASE_URL", ollama.url()));
        router = RouterUnderTest.start(defaults -> quotas.withKafka(defaults.kafka()).withBridge(defaults.bridge()));
    }

    @AfterEach
    void stop() {
        router.close();
        ollama.close();
        groq.close();
        openai.close();
    }

    @Test
    void spentQuotasMoveRequestsToTheFallbackThenTheLocalModelThenAnswer429WithRetryAfter() {
        try (TopicReader replies = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(),
                Topics.bridgeReplyTopic(router.config().bridge().instanceId()))) {
            HttpResponse<String> first = router.post("/chat/completions", chat("auto", "first"));
            HttpResponse<String> second = router.post("/chat/completions", chat("auto", "second"));
            HttpResponse<String> third = router.post("/chat/completions", chat("auto", "third"));
            HttpResponse<String> fourth = router.post("/chat/completions", chat("auto", "fourth"));

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("X-Router-Provider")).hasValue(openaiId);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.headers().firstValue("X-Router-Provider")).hasValue(groqId);
            assertThat(third.statusCode()).isEqualTo(200);
            assertThat(third.headers().firstValue("X-Router-Provider")).hasValue(ollamaId);
            assertThat(json(third).path("choices").get(0).path("message").path("content").asText())
                    .isEqualTo("Hello from the local model.");

            LlmReply byFallback = replyTo(replies, second);
            assertThat(byFallback.route().reason()).contains("no target could serve, fallback")
                    .contains("after 1 failed attempt(s)");
            assertThat(byFallback.route().skipped()).singleElement().asString()
                    .startsWith(openaiId + "/gpt-4o-mini: over quota (capacity returns in");
            LlmReply byLocal = replyTo(replies, third);
            assertThat(byLocal.route().model()).isEqualTo("llama3.2");
            assertThat(byLocal.route().reason()).contains("after 2 failed attempt(s)");
            assertThat(byLocal.route().skipped()).anyMatch(s -> s.startsWith(groqId + "/llama-3.1-8b-instant: over quota"));

            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(json(fourth).path("error").path("code").asText()).isEqualTo("quota_exceeded");
            assertThat(json(fourth).path("error").path("message").asText())
                    .contains("Every candidate is over its quota")
                    .contains(openaiId + " over its requests-per-minute quota")
                    .contains(groqId + " over its requests-per-minute quota")
                    .contains(ollamaId + " over its requests-per-minute quota");
            assertThat(fourth.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        }
    }

    @Test
    void bridgeMetricsShowQuotaRefusalsAndCost() {
        router.post("/chat/completions", chat("auto", "first"));
        router.post("/chat/completions", chat("auto", "second"));

        String metrics = router.getRoot("/metrics").body();

        assertThat(metrics).contains("llm_router_quota_refusals_total{limit=\"requests-per-minute\",provider=\""
                + openaiId + "\",scope=\"" + openaiId + "\"} 1.0");
        assertThat(metrics).contains("llm_router_usage_cost_usd_total{model=\"gpt-4o-mini\",provider=\"" + openaiId + "\"}");
        assertThat(metrics).containsPattern("llm_router_cost_usd_total\\{model=\"[^\"]+\",priority=\"normal\",provider=\"[^\"]+\"} ");
        assertThat(metrics).doesNotContainPattern("llm_router_tokens_total\\{kind=\"[a-z]+\",model=\"[^\"]+\",provider=");
        String groqRemaining = "llm_router_quota_remaining{limit=\"requests-per-minute\",provider=\"" + groqId
                + "\",scope=\"" + groqId + "\"} ";
        assertThat(metrics).contains(groqRemaining).doesNotContain(groqRemaining + "NaN");
    }

    private static LlmReply replyTo(TopicReader replies, HttpResponse<String> response) {
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        return replies.await(LlmReply.class, reply -> requestId.equals(reply.requestId()) && reply.route() != null,
                Duration.ofSeconds(30));
    }
}
