package io.llmrouter.streams.routing;

import static io.llmrouter.streams.routing.RoutingFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.testsupport.RequestRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Route rules: ordered targets, skip rules from health, fallbacks, and an error only when all are out. */
class RouteRulesTopologyTest {

    private final RoutingFixture router = new RoutingFixture("""
            routing:
              default-strategy: ordered
              classifier: {enabled: false}
            """);

    @AfterEach
    void close() {
        router.close();
    }

    private RouteDecision routeHello() {
        return router.route(request(Priority.NORMAL, "auto", "hello"));
    }

    @Test
    void orderedStrategyTakesTheFirstTargetThatCanServe() {
        RouteDecision route = routeHello();

        assertThat(route.provider() + "/" + route.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(route.strategy()).isEqualTo("ordered");
        assertThat(route.skipped()).isEmpty();
    }

    @Test
    void modelWithAnOpenBreakerIsSkippedWithTheReason() {
        router.health("openai", "gpt-4o-mini", "open", 900, 1, 0, 0);

        RouteDecision route = routeHello();

        assertThat(route.model()).isEqualTo("gpt-4o");
        assertThat(route.skipped()).containsExactly("openai/gpt-4o-mini: breaker open (reported 0 s ago)");
    }

    @Test
    void providerWideOpenBreakerSkipsEveryModelOfTheProvider() {
        router.health("openai", "*", "open", 900, 1, 0, 0);

        RouteDecision route = routeHello();

        assertThat(route.provider()).isEqualTo("groq");
        assertThat(route.skipped()).hasSize(2).allMatch(reason -> reason.contains("breaker open"));
    }

    @Test
    void modelWithAFullQueueIsSkipped() {
        router.health("openai", "gpt-4o-mini", "closed", 900, 0, 0, 256);

        RouteDecision route = routeHello();

        assertThat(route.model()).isEqualTo("gpt-4o");
        assertThat(route.skipped()).containsExactly("openai/gpt-4o-mini: queue full (256 of 256 calls in flight)");
    }

    @Test
    void modelAnsweringMostlyTooManyRequestsIsSkipped() {
        router.health("openai", "gpt-4o-mini", "closed", 900, 0, 0.6, 3);

        RouteDecision route = routeHello();

        assertThat(route.model()).isEqualTo("gpt-4o");
        assertThat(route.skipped()).containsExactly("openai/gpt-4o-mini: rate-limited (60% of recent calls answered 429)");
    }

    @Test
    void staleHealthReportsAreIgnored() {
        router.health("openai", "gpt-4o-mini", "open", 900, 1, 0, 0);
        router.clock.advance(java.time.Duration.ofSeconds(31));

        assertThat(routeHello().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void fallbackServesOnlyWhenNoTargetCan() {
        router.health("openai", "*", "open", 0, 1, 0, 0);
        router.health("groq", "*", "open", 0, 1, 0, 0);

        RouteDecision route = routeHello();

        assertThat(route.provider() + "/" + route.model()).isEqualTo("simulator/simulator-fast");
        assertThat(route.reason()).contains("no target could serve, fallback");
        assertThat(route.skipped()).hasSize(3);
    }

    @Test
    void whenEveryModelIsOutTheCallerGetsNoProviderWithEveryReason() {
        router.health("openai", "*", "open", 0, 1, 0, 0);
        router.health("groq", "*", "open", 0, 1, 0, 0);
        router.health("simulator", "*", "closed", 0, 0, 0, 256);

        router.send(request(Priority.NORMAL, "auto", "hello"));

        LlmReply reply = router.reply();
        assertThat(reply.error().status()).isEqualTo(503);
        assertThat(reply.error().message()).contains("openai/gpt-4o: breaker open", "groq/llama-3.1-8b-instant: breaker open",
                "simulator/simulator-fast: queue full");
    }

    @Test
    void failedOverRequestSkipsWhatFailedAndSaysSo() {
        LlmRequest failed = request(Priority.NORMAL, "auto", "hello")
                .failedOver(new LlmRequest.Attempt("openai", "gpt-4o-mini", 502, "upstream_failed", "boom"));

        router.sendFailover(failed);

        RouteDecision route = router.routed(Priority.NORMAL).route();
        assertThat(route.model()).isEqualTo("gpt-4o");
        assertThat(route.skipped()).containsExactly("openai/gpt-4o-mini: failed already (502)");
        assertThat(route.reason()).endsWith("after 1 failed attempt(s)");
    }

    @Test
    void unknownStrategyIsTheCallersMistake() {
        router.send(request(Priority.NORMAL, RequestRecords.chatBody("auto", "hello"), "cheapest-please"));

        LlmReply reply = router.reply();
        assertThat(reply.error().status()).isEqualTo(400);
        assertThat(reply.error().message()).contains("Unknown routing strategy 'cheapest-please'", "local-first");
    }
}
