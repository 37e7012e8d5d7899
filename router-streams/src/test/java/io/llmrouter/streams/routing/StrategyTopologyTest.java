package io.llmrouter.streams.routing;

import static io.llmrouter.streams.routing.RoutingFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.testsupport.RequestRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Strategies, local-first, virtual models, auto through the classifier, model groups, and the explanation. */
class StrategyTopologyTest {

    private final RoutingFixture router = new RoutingFixture("""
            routing:
              groups:
                mini-pool:
                  balance: weighted
                  members: {openai/gpt-4o-mini: 3, azure/gpt-4o-mini: 1}
                mini-least-busy:
                  balance: least-busy
                  members: {openai/gpt-4o-mini: 1, azure/gpt-4o-mini: 1}
            """);

    @AfterEach
    void close() {
        router.close();
    }

    private RouteDecision route(String model, String strategy, Priority priority) {
        return router.route(request(priority, RequestRecords.chatBody(model, "hello"), strategy));
    }

    private static String target(RouteDecision route) {
        return route.provider() + "/" + route.model();
    }

    @Test
    void costStrategyPicksTheCheapestTarget() {
        assertThat(target(route("auto", "cost", Priority.NORMAL))).isEqualTo("groq/llama-3.1-8b-instant");
    }

    @Test
    void qualityStrategyPicksTheBestConfiguredQuality() {
        assertThat(target(route("auto", "quality", Priority.NORMAL))).isEqualTo("openai/gpt-4o");
    }

    @Test
    void latencyStrategyFollowsLiveLatencyFromHealthEvents() {
        router.latency("openai", "gpt-4o-mini", 800);
        router.latency("openai", "gpt-4o", 1500);
        router.latency("groq", "llama-3.1-8b-instant", 200);

        assertThat(target(route("auto", "latency", Priority.NORMAL))).isEqualTo("groq/llama-3.1-8b-instant");
    }

    @Test
    void balancedStrategyWeighsPriceQualityAndLatencyAlike() {
        assertThat(target(route("auto", "balanced", Priority.NORMAL))).isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void errorRateLowersAScoreUntilAnotherTargetWins() {
        router.health("openai", "gpt-4o-mini", "closed", 1000, 0.4, 0, 0);

        RouteDecision route = route("auto", "balanced", Priority.NORMAL);

        assertThat(target(route)).isEqualTo("groq/llama-3.1-8b-instant");
        assertThat(route.ranked()).last().asString().startsWith("openai/gpt-4o-mini ");
    }

    @Test
    void localFirstPrefersTheLocalModelWithinSeventyPercentOfTheBest() {
        RouteDecision route = route("auto", "local-first", Priority.HIGH);

        assertThat(target(route)).isEqualTo("ollama/llama3.2");
        assertThat(route.reason()).contains("local-first: ollama/llama3.2 scores", "of the best (openai/gpt-4o-mini)",
                "preferred");
    }

    @Test
    void localFirstKeepsTheBestWhenTheLocalModelFallsBelowTheShare() {
        router.health("ollama", "*", "closed", 1000, 0.5, 0, 0);

        RouteDecision route = route("auto", "local-first", Priority.HIGH);

        assertThat(target(route)).isEqualTo("openai/gpt-4o-mini");
        assertThat(route.reason()).contains("not preferred");
    }

    @Test
    void cheapVirtualModelRanksByCost() {
        RouteDecision route = route("cheap", null, Priority.NORMAL);

        assertThat(target(route)).isEqualTo("groq/llama-3.1-8b-instant");
        assertThat(route.strategy()).isEqualTo("cost");
    }

    @Test
    void qualityVirtualModelRanksByQuality() {
        assertThat(target(route("quality", null, Priority.NORMAL))).isEqualTo("openai/gpt-4o");
    }

    @Test
    void fastVirtualModelRanksByLatency() {
        router.latency("openai", "gpt-4o-mini", 300);
        router.latency("groq", "llama-3.1-8b-instant", 900);

        RouteDecision route = route("fast", null, Priority.NORMAL);

        assertThat(target(route)).isEqualTo("openai/gpt-4o-mini");
        assertThat(route.strategy()).isEqualTo("latency");
    }

    @Test
    void autoSendsASimplePromptToTheCheapModel() {
        RouteDecision route = router.route(request(Priority.NORMAL, "auto", "What is the capital of France?"));

        assertThat(target(route)).isEqualTo("groq/llama-3.1-8b-instant");
        assertThat(route.complexity()).startsWith("simple");
        assertThat(route.reason()).contains("classified simple, served as 'cheap'");
    }

    @Test
    void autoSendsCodeToTheQualityModel() {
        RouteDecision route = router.route(request(Priority.NORMAL, "auto",
                "Refactor this function so it never blocks:\n```java\nvoid run() { Thread.sleep(100); }\n```"));

        assertThat(target(route)).isEqualTo("openai/gpt-4o");
        assertThat(route.complexity()).startsWith("complex").contains("code: fenced block");
    }

    @Test
    void strategyAskedForOverridesTheClassifierForAuto() {
        RouteDecision route = route("auto", "quality", Priority.NORMAL);

        assertThat(route.complexity()).isNull();
        assertThat(route.reason()).contains("with strategy asked for");
    }

    @Test
    void weightedGroupSpreadsRequestsInProportionToWeights() {
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            providers.add(route("mini-pool", null, Priority.NORMAL).provider());
        }

        assertThat(providers).filteredOn("openai"::equals).hasSize(6);
        assertThat(providers).filteredOn("azure"::equals).hasSize(2);
        assertThat(providers.subList(0, 4)).containsOnlyOnce("azure");
    }

    @Test
    void leastBusyGroupPicksTheMemberWithFewestCallsInFlight() {
        router.health("openai", "gpt-4o-mini", "closed", 500, 0, 0, 10);
        router.health("azure", "gpt-4o-mini", "closed", 500, 0, 0, 2);

        RouteDecision route = route("mini-least-busy", null, Priority.NORMAL);

        assertThat(route.provider()).isEqualTo("azure");
        assertThat(route.reason()).contains("least busy of 2 (2 in flight)");
    }

    @Test
    void leastBusyCountsRequestsRoutedSinceTheLastReport() {
        router.health("openai", "gpt-4o-mini", "closed", 500, 0, 0, 4);
        router.health("azure", "gpt-4o-mini", "closed", 500, 0, 0, 2);

        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            providers.add(route("mini-least-busy", null, Priority.NORMAL).provider());
        }

        assertThat(providers).containsExactly("azure", "azure", "openai", "azure");
    }

    @Test
    void routeExplainsStrategyScoreRankingAndEstimatedCost() {
        router.health("groq", "*", "open", 0, 1, 0, 0);
        ObjectNode body = RequestRecords.chatBody("auto", "hello");
        body.put("max_tokens", 100);

        RouteDecision route = router.route(request(Priority.NORMAL, body, "balanced"));

        assertThat(target(route)).isEqualTo("openai/gpt-4o-mini");
        assertThat(route.strategy()).isEqualTo("balanced");
        assertThat(route.score()).isBetween(0.5, 1.0);
        assertThat(route.ranked()).hasSize(2).first().asString().startsWith("openai/gpt-4o-mini 0.");
        assertThat(route.skipped()).containsExactly("groq/llama-3.1-8b-instant: breaker open (reported 0 s ago)");
        // "hello" is one o200k token, plus 3 for the message and 3 to prime the answer.
        assertThat(route.estimatedPromptTokens()).isEqualTo(7);
        assertThat(route.estimatedCompletionTokens()).isEqualTo(100);
        assertThat(route.estimatedCostUsd()).isCloseTo((7 * 0.15 + 100 * 0.60) / 1_000_000, within(1e-9));
    }
}
