package io.llmrouter.streams.routing;

import static io.llmrouter.streams.routing.RoutingFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.testsupport.MutableClock;
import io.llmrouter.testsupport.RequestRecords;
import org.junit.jupiter.api.Test;

/** Routing policies found with ServiceLoader (defined here, in test code only) veto or re-order candidates. */
class RoutingPolicyTopologyTest {

    private static final String GPU_POLICY = """
            routing:
              policies:
                - name: gpu-business-hours
                  options: {zone: Europe/Berlin}
            """;
    /** A Thursday. */
    private static final Instant THURSDAY_10_BERLIN = Instant.parse("2026-01-01T09:00:00Z");
    private static final Instant SATURDAY_10_BERLIN = Instant.parse("2026-01-03T09:00:00Z");
    private static final Instant THURSDAY_20_BERLIN = Instant.parse("2026-01-01T19:00:00Z");

    private static RouteDecision balancedHelloAt(Instant when, String routing) {
        try (RoutingFixture router = new RoutingFixture(routing, new MutableClock(when))) {
            return router.route(request(Priority.NORMAL, RequestRecords.chatBody("auto", "hello"), "balanced"));
        }
    }

    @Test
    void gpuModelsGoFirstInBusinessHoursOnWeekdays() {
        RouteDecision route = balancedHelloAt(THURSDAY_10_BERLIN, GPU_POLICY);

        assertThat(route.model()).isEqualTo("gpt-4o");
        assertThat(route.reason()).contains("re-ordered by policy 'gpu-business-hours'");
    }

    @Test
    void onWeekendsTheStrategysChoiceStands() {
        assertThat(balancedHelloAt(SATURDAY_10_BERLIN, GPU_POLICY).model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void afterHoursTheStrategysChoiceStands() {
        RouteDecision route = balancedHelloAt(THURSDAY_20_BERLIN, GPU_POLICY);

        assertThat(route.model()).isEqualTo("gpt-4o-mini");
        assertThat(route.reason()).doesNotContain("re-ordered");
    }

    @Test
    void vetoedCandidateIsSkippedWithThePolicysName() {
        RouteDecision route = balancedHelloAt(THURSDAY_10_BERLIN, """
                routing:
                  policies:
                    - name: deny-models
                      options: {deny: openai/gpt-4o-mini}
                """);

        assertThat(route.model()).isNotEqualTo("gpt-4o-mini");
        assertThat(route.skipped()).containsExactly("openai/gpt-4o-mini: vetoed by policy 'deny-models'");
    }

    @Test
    void policiesApplyInTheConfiguredOrder() {
        RouteDecision route = balancedHelloAt(THURSDAY_10_BERLIN, """
                routing:
                  policies:
                    - name: gpu-business-hours
                    - name: deny-models
                      options: {deny: openai/gpt-4o}
                """);

        assertThat(route.model()).isEqualTo("gpt-4o-mini");
        assertThat(route.skipped()).containsExactly("openai/gpt-4o: vetoed by policy 'deny-models'");
    }

    @Test
    void whenPoliciesVetoEveryCandidateTheCallerGetsNoProvider() {
        try (RoutingFixture router = new RoutingFixture("""
                routing:
                  policies:
                    - name: deny-models
                      options: {deny: "openai/gpt-4o-mini, openai/gpt-4o, groq/llama-3.1-8b-instant, simulator/simulator-fast"}
                """)) {
            router.send(request(Priority.NORMAL, "auto", "hello"));

            LlmReply reply = router.reply();
            assertThat(reply.error().status()).isEqualTo(503);
            assertThat(reply.error().message()).contains("vetoed by policy 'deny-models'");
        }
    }

    @Test
    void unknownPolicyNameStopsTheTopologyFromBeingBuilt() {
        assertThatThrownBy(() -> new RoutingFixture("""
                routing:
                  policies: [{name: no-such-policy}]
                """)).hasMessageContaining("routing.policies[0].name: no routing policy named 'no-such-policy'")
                .hasMessageContaining("gpu-business-hours");
    }
}
