package io.llmrouter.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import io.llmrouter.schemas.Priority;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Cost and quota meters: cost and tokens per deployment, refusals and what is left per quota scope. */
class SpendMetersTest {

    @Test
    void costAndTokensAreCountedPerDeployment() {
        try (SpendFixture router = new SpendFixture()) {
            MeterRegistry registry = bound(router);
            router.usage("openai", "gpt-4o", Priority.NORMAL, null, 100, 50, 0.25);
            router.usage("openai", "gpt-4o", Priority.NORMAL, null, 10, 5, 0.05);

            assertThat(registry.get("llm.router.usage.cost.usd").tags("provider", "openai", "model", "gpt-4o")
                    .functionCounter().count()).isCloseTo(0.30, within(1e-9));
            assertThat(registry.get("llm.router.usage.tokens").tags("model", "gpt-4o", "kind", "completion")
                    .functionCounter().count()).isEqualTo(55.0);
            assertThat(registry.get("llm.router.usage.cost.usd").tags("model", "gpt-4o-mini").functionCounter().count())
                    .isZero();
        }
    }

    @Test
    void quotaRefusalsAreCountedPerScopeAndLimit() {
        try (SpendFixture router = new SpendFixture()) {
            MeterRegistry registry = bound(router);
            router.sendRequest();
            router.sendRequest();
            router.sendRequest();

            assertThat(registry.get("llm.router.quota.refusals")
                    .tags("provider", "openai", "scope", "openai/gpt-4o-mini", "limit", "requests-per-minute")
                    .functionCounter().count()).isEqualTo(2.0);
        }
    }

    @Test
    void remainingQuotaRefillsAsTimePasses() {
        try (SpendFixture router = new SpendFixture()) {
            MeterRegistry registry = bound(router);
            router.sendRequest();
            double justAfter = remaining(registry);
            router.clock.advance(Duration.ofSeconds(30));

            assertThat(justAfter).isZero();
            assertThat(remaining(registry)).isCloseTo(0.5, within(1e-9));
        }
    }

    @Test
    void remainingQuotaIsUnknownUntilThisInstanceOwnsTheScope() {
        try (SpendFixture router = new SpendFixture()) {
            assertThat(remaining(bound(router))).isNaN();
        }
    }

    private static MeterRegistry bound(SpendFixture router) {
        MeterRegistry registry = new SimpleMeterRegistry();
        SpendMeters.bind(registry, router.spend, router.config, router.clock);
        return registry;
    }

    private static double remaining(MeterRegistry registry) {
        return registry.get("llm.router.quota.remaining")
                .tags("scope", "openai/gpt-4o-mini", "limit", "requests-per-minute").gauge().value();
    }
}
