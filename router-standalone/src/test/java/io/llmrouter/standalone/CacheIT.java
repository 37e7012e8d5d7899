package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The caches through the HTTP endpoint: a deterministic repeat never reaches the upstream twice. */
class CacheIT {

    private static String deterministic(String question) {
        return "{\"model\":\"auto\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
    }

    private static String cacheHeader(HttpResponse<String> response) {
        return response.headers().firstValue("X-Router-Cache").orElse("");
    }

    /** Repeats the request until the answer comes from the exact tier (the fill reaches every instance in moments). */
    private static HttpResponse<String> askUntilExactHit(RouterUnderTest router, String body) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(router.post("/chat/completions", body));
            return cacheHeader(last.get()).equals("hit-exact");
        });
        return last.get();
    }

    @Test
    void deterministicRepeatIsAnsweredFromTheExactCache() {
        try (RouterUnderTest router = RouterUnderTest.start()) {
            HttpResponse<String> first = router.post("/chat/completions", deterministic("What is a topic?"));
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(cacheHeader(first)).isEqualTo("miss");

            HttpResponse<String> repeat = askUntilExactHit(router, deterministic("What is a topic?"));

            assertThat(repeat.statusCode()).isEqualTo(200);
            assertThat(json(repeat).at("/choices/0/message/content").asText())
                    .isEqualTo(json(first).at("/choices/0/message/content").asText());
            assertThat(repeat.headers().firstValue("X-Router-Provider")).hasValue("simulator");
            assertThat(repeat.headers().firstValue("X-Router-Cost")).hasValue("0.00000000");

            HttpResponse<String> respelled = router.post("/chat/completions",
                    "{ \"messages\": [ {\"content\": \"  What is a topic? \", \"role\": \"user\"} ], \"temperature\": 0.0, \"model\": \"auto\" }");
            assertThat(cacheHeader(respelled)).isEqualTo("hit-exact");

            HttpResponse<String> optedOut = router.post("/chat/completions", deterministic("What is a topic?"),
                    "Cache-Control", "no-cache");
            assertThat(cacheHeader(optedOut)).isEqualTo("bypass");

            HttpResponse<String> creative = router.post("/chat/completions",
                    "{\"model\":\"auto\",\"temperature\":0.9,\"messages\":[{\"role\":\"user\",\"content\":\"What is a topic?\"}]}");
            assertThat(cacheHeader(creative)).isEqualTo("bypass");

            String metrics = router.getRoot("/metrics").body();
            assertThat(metrics).containsPattern("llm_router_cache_lookups_total\\{result=\"hit\",tier=\"exact\"} [1-9]");
            assertThat(metrics).contains("llm_router_cache_evictions_total{cause=\"capacity\",tier=\"exact\"}");
        }
    }

    @Test
    void cachedAnswersOutliveARestartOfTheStreamsApp() {
        String body = deterministic("What is a consumer group?");
        try (RouterUnderTest before = RouterUnderTest.start()) {
            before.post("/chat/completions", body);
            askUntilExactHit(before, body);
        }
        // A fresh state directory: the answers come back from the cache topic alone.
        try (RouterUnderTest after = RouterUnderTest.start()) {
            HttpResponse<String> repeat = after.post("/chat/completions", body);

            assertThat(cacheHeader(repeat)).isEqualTo("hit-exact");
        }
    }

    @Test
    void rephrasedQuestionIsAnsweredFromTheSemanticCacheAfterARestart() {
        String original = deterministic("How do I rotate my API keys?");
        try (RouterUnderTest before = RouterUnderTest.start()) {
            before.post("/chat/completions", original);
            askUntilExactHit(before, original);
        }
        // A fresh state directory: the semantic index is filled from the cache topic as the global store restores.
        try (RouterUnderTest after = RouterUnderTest.start()) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> after.getRoot("/metrics").body()
                    .contains("llm_router_cache_semantic_pending_writes 0.0"));

            HttpResponse<String> rephrased = after.post("/chat/completions", deterministic("How can I rotate my API keys?"));

            assertThat(cacheHeader(rephrased)).isEqualTo("hit-semantic");
        }
    }

    @Test
    void rephrasedQuestionIsAnsweredFromTheSemanticCache() {
        try (RouterUnderTest router = RouterUnderTest.start()) {
            HttpResponse<String> first = router.post("/chat/completions", deterministic("How do I reset my password?"));
            askUntilExactHit(router, deterministic("How do I reset my password?"));
            // The semantic index is written in the background; how far it lags is on /metrics.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> router.getRoot("/metrics").body()
                    .contains("llm_router_cache_semantic_pending_writes 0.0"));

            HttpResponse<String> rephrased = router.post("/chat/completions", deterministic("How can I reset my password?"));

            assertThat(rephrased.statusCode()).isEqualTo(200);
            assertThat(cacheHeader(rephrased)).isEqualTo("hit-semantic");
            assertThat(rephrased.headers().firstValue("X-Router-Cache-Similarity")).isPresent();
            assertThat(json(rephrased).at("/choices/0/message/content").asText())
                    .isEqualTo(json(first).at("/choices/0/message/content").asText());

            String otherSystem = "{\"model\":\"auto\",\"temperature\":0,\"messages\":[{\"role\":\"system\","
                    + "\"content\":\"Answer in French.\"},{\"role\":\"user\",\"content\":\"How can I reset my password?\"}]}";
            assertThat(cacheHeader(router.post("/chat/completions", otherSystem))).isEqualTo("miss");
        }
    }
}
