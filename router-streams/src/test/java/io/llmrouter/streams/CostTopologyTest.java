package io.llmrouter.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.llmrouter.schemas.Priority;
import io.llmrouter.streams.internal.cost.CostDimension;
import io.llmrouter.streams.internal.cost.CostQuery;
import io.llmrouter.streams.internal.cost.CostTotals;
import io.llmrouter.streams.internal.cost.CostWindow;
import org.junit.jupiter.api.Test;

/** The cost aggregates: usage summed per provider, model, priority and key over the minute, day and month. */
class CostTopologyTest {

    private static final String NOW = "2025-01-31T23:58:30Z";

    @Test
    void usageIsSummedPerProvider() {
        try (SpendFixture router = new SpendFixture()) {
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 100, 50, 0.15);
            router.usage("openai", "gpt-4o", Priority.HIGH, null, 10, 5, 0.03);
            router.usage("anthropic", "claude-3-5-haiku-latest", Priority.NORMAL, null, 7, 3, 0.01);

            List<CostQuery.Row> rows = router.totals(CostDimension.PROVIDER, CostWindow.DAY, NOW);

            assertThat(rows).extracting(CostQuery.Row::group).containsExactly("anthropic", "openai");
            CostTotals openai = rows.get(1).totals();
            assertThat(openai.requests()).isEqualTo(2);
            assertThat(openai.promptTokens()).isEqualTo(110);
            assertThat(openai.completionTokens()).isEqualTo(55);
            assertThat(openai.costUsd()).isCloseTo(0.18, within(1e-9));
        }
    }

    @Test
    void usageIsSummedPerModelPriorityAndKey() {
        try (SpendFixture router = new SpendFixture()) {
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, "vk-team-a", 100, 50, 0.15);
            router.usage("anthropic", "claude-3-5-haiku-latest", Priority.NORMAL, "vk-team-a", 7, 3, 0.01);
            router.usage("openai", "gpt-4o-mini", Priority.CRITICAL, null, 1, 1, 0.002);

            assertThat(router.totals(CostDimension.MODEL, CostWindow.DAY, NOW))
                    .extracting(CostQuery.Row::group, row -> row.totals().requests())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic/claude-3-5-haiku-latest", 1L),
                            org.assertj.core.groups.Tuple.tuple("openai/gpt-4o-mini", 2L));
            assertThat(router.totals(CostDimension.PRIORITY, CostWindow.DAY, NOW))
                    .extracting(CostQuery.Row::group, row -> row.totals().requests())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("critical", 1L),
                            org.assertj.core.groups.Tuple.tuple("normal", 2L));
            assertThat(router.totals(CostDimension.KEY, CostWindow.DAY, NOW))
                    .extracting(CostQuery.Row::group, row -> row.totals().costUsd())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("none", 0.002),
                            org.assertj.core.groups.Tuple.tuple("vk-team-a", 0.16));
        }
    }

    @Test
    void cacheHitsCountAsRequestsWithoutTokensOrCost() {
        try (SpendFixture router = new SpendFixture()) {
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 100, 50, 0.15);
            router.cacheHit("openai", "gpt-4o-mini");

            CostTotals totals = router.totals(CostDimension.MODEL, CostWindow.MINUTE, NOW).get(0).totals();

            assertThat(totals).isEqualTo(new CostTotals(2, 100, 50, 0.15, 1));
        }
    }

    @Test
    void minuteWindowRollsOverWhileTheDayKeepsCounting() {
        try (SpendFixture router = new SpendFixture()) {
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 10, 10, 0.01);
            router.clock.advance(Duration.ofSeconds(40));
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 20, 20, 0.02);

            assertThat(requests(router, CostWindow.MINUTE, "2025-01-31T23:58:59Z")).isEqualTo(1);
            assertThat(requests(router, CostWindow.MINUTE, "2025-01-31T23:59:10Z")).isEqualTo(1);
            assertThat(requests(router, CostWindow.DAY, "2025-01-31T12:00:00Z")).isEqualTo(2);
        }
    }

    @Test
    void dayAndMonthRollOverAtUtcMidnightOfTheFirst() {
        try (SpendFixture router = new SpendFixture()) {
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 10, 10, 0.01);
            router.clock.advance(Duration.ofMinutes(2));
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 20, 20, 0.02);
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 20, 20, 0.02);

            assertThat(requests(router, CostWindow.DAY, "2025-01-31T00:00:00Z")).isEqualTo(1);
            assertThat(requests(router, CostWindow.DAY, "2025-02-01T00:00:00Z")).isEqualTo(2);
            assertThat(requests(router, CostWindow.MONTH, "2025-01-15T00:00:00Z")).isEqualTo(1);
            assertThat(requests(router, CostWindow.MONTH, "2025-02-28T23:59:59Z")).isEqualTo(2);
        }
    }

    @Test
    void lateUsageLandsInTheWindowOfItsOwnTimestamp() {
        try (SpendFixture router = new SpendFixture()) {
            router.clock.advance(Duration.ofMinutes(2));
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 20, 20, 0.02);
            router.clock.advance(Duration.ofMinutes(-2));
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 10, 10, 0.01);

            assertThat(requests(router, CostWindow.MONTH, "2025-01-31T00:00:00Z")).isEqualTo(1);
            assertThat(requests(router, CostWindow.MONTH, "2025-02-01T00:00:00Z")).isEqualTo(1);
        }
    }

    @Test
    void endpointAnswersTheCurrentWindowAsJson() {
        try (SpendFixture router = new SpendFixture()) {
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 100, 50, 0.15);

            JsonNode answer = router.answer("by=model&window=minute");

            assertThat(answer.path("by").asText()).isEqualTo("model");
            assertThat(answer.path("window").asText()).isEqualTo("minute");
            assertThat(answer.path("start").asText()).isEqualTo("2025-01-31T23:58:00Z");
            assertThat(answer.path("end").asText()).isEqualTo("2025-01-31T23:59:00Z");
            JsonNode row = answer.path("totals").get(0);
            assertThat(row.path("group").asText()).isEqualTo("openai/gpt-4o-mini");
            assertThat(row.path("requests").asLong()).isEqualTo(1);
            assertThat(row.path("prompt_tokens").asLong()).isEqualTo(100);
            assertThat(row.path("completion_tokens").asLong()).isEqualTo(50);
            assertThat(row.path("cost_usd").asDouble()).isEqualTo(0.15);
            assertThat(row.path("cache_hits").asLong()).isZero();
        }
    }

    @Test
    void endpointAnswersAPastWindowWhenAskedForAnInstant() {
        try (SpendFixture router = new SpendFixture()) {
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 100, 50, 0.15);
            router.clock.advance(Duration.ofDays(1));

            assertThat(router.answer("by=provider&window=day").path("totals")).isEmpty();
            assertThat(router.answer("by=provider&window=day&at=2025-01-31T08:00:00Z").path("totals")).hasSize(1);
        }
    }

    @Test
    void endpointRefusesAnUnknownDimensionOrWindow() {
        try (SpendFixture router = new SpendFixture()) {
            assertThat(router.costs().answer("by=colour&window=day").status()).isEqualTo(400);
            assertThat(router.costs().answer("by=model&window=week").status()).isEqualTo(400);
            assertThat(router.costs().answer("by=model&at=yesterday").status()).isEqualTo(400);
        }
    }

    @Test
    void endpointAddsWhatTheOtherInstancesHold() throws Exception {
        try (SpendFixture router = new SpendFixture(); OtherInstance other = new OtherInstance("""
                {"totals": [{"group": "openai", "requests": 3, "prompt_tokens": 30, "completion_tokens": 15,
                             "cost_usd": 0.05, "cache_hits": 1}]}""")) {
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 100, 50, 0.15);
            router.usage("anthropic", "claude-3-5-haiku-latest", Priority.NORMAL, null, 7, 3, 0.01);

            JsonNode answer = router.answer("by=provider&window=day", List.of(other.url()));

            assertThat(answer.path("instances").asInt()).isEqualTo(2);
            assertThat(answer.path("totals")).extracting(row -> row.path("group").asText() + " "
                    + row.path("requests").asLong()).containsExactly("anthropic 1", "openai 4");
            assertThat(other.lastQuery()).isEqualTo("by=provider&window=day&at=2025-01-31T00:00:00Z&scope=local");
        }
    }

    @Test
    void localScopeAsksNoOtherInstance() throws Exception {
        try (SpendFixture router = new SpendFixture(); OtherInstance other = new OtherInstance("{\"totals\": []}")) {
            JsonNode answer = router.answer("by=provider&window=day&scope=local", List.of(other.url()));

            assertThat(answer.path("instances").asInt()).isEqualTo(1);
            assertThat(other.lastQuery()).isNull();
        }
    }

    @Test
    void instanceThatDoesNotAnswerIsListedAsUnreachable() {
        try (SpendFixture router = new SpendFixture()) {
            router.usage("openai", "gpt-4o-mini", Priority.NORMAL, null, 100, 50, 0.15);
            URI nobody = URI.create("http://127.0.0.1:9");

            JsonNode answer = router.answer("by=provider&window=day", List.of(nobody));

            assertThat(answer.path("instances").asInt()).isEqualTo(1);
            assertThat(answer.path("unreachable").get(0).asText()).isEqualTo("http://127.0.0.1:9");
            assertThat(answer.path("totals")).hasSize(1);
        }
    }

    /** Another streams instance's {@code GET /costs}, answering a fixed body. */
    private static final class OtherInstance implements AutoCloseable {
        private final HttpServer server;
        private volatile String lastQuery;

        OtherInstance(String body) throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/costs", exchange -> {
                lastQuery = exchange.getRequestURI().getRawQuery();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        String lastQuery() {
            return lastQuery;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static long requests(SpendFixture router, CostWindow window, String at) {
        return router.totals(CostDimension.MODEL, window, at).stream().mapToLong(row -> row.totals().requests()).sum();
    }
}
