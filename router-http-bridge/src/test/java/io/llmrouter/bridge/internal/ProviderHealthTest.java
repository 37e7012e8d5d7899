package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.schemas.HealthEvent;
import org.junit.jupiter.api.Test;

class ProviderHealthTest {

    private static final long NOW = 1_800_000_000_000L;
    private final ProviderHealth health = new ProviderHealth(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    private static HealthEvent report(String model, long at, String breaker, int inFlight) {
        return new HealthEvent("openai", model, at, breaker, 420.5, 0.25, 0.1, inFlight);
    }

    @Test
    void eachDeploymentShowsItsQueueDepthBreakerAndLatency() {
        health.update(report("gpt-4o", NOW - 1_000, "open", 3));

        JsonNode status = health.status().path("openai/gpt-4o");

        assertThat(status.path("provider").asText()).isEqualTo("openai");
        assertThat(status.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(status.path("queue_depth").asInt()).isEqualTo(3);
        assertThat(status.path("circuit_breaker").path("state").asText()).isEqualTo("open");
        assertThat(status.path("circuit_breaker").path("error_rate").asDouble()).isEqualTo(0.25);
        assertThat(status.path("latency_ms").asDouble()).isEqualTo(420.5);
        assertThat(status.path("stale").asBoolean()).isFalse();
    }

    @Test
    void everyReportedDeploymentShowsAsGaugesThatFollowItsNewestReport() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        health.update(report("gpt-4o", NOW - 2_000, "closed", 1));
        health.bindTo(meters);

        health.update(report("gpt-4o", NOW - 1_000, "open", 4));
        health.update(report("gpt-4o-mini", NOW, "half_open", 0));

        assertThat(meters.get("llm.router.breaker.state").tags("provider", "openai", "model", "gpt-4o").gauge().value())
                .isEqualTo(2.0);
        assertThat(meters.get("llm.router.breaker.state").tags("model", "gpt-4o-mini").gauge().value())
                .isEqualTo(1.0);
        assertThat(meters.get("llm.router.upstream.queue.depth").tags("model", "gpt-4o").gauge().value())
                .isEqualTo(4.0);
        assertThat(meters.get("llm.router.upstream.latency.ms").tags("model", "gpt-4o").gauge().value())
                .isEqualTo(420.5);
    }

    @Test
    void aProviderWideBreakerIsKeyedByTheProviderAlone() {
        health.update(report("*", NOW, "closed", 0));

        assertThat(health.status().path("openai").path("model").isNull()).isTrue();
    }

    @Test
    void anOlderReportNeverReplacesANewerOne() {
        health.update(report("gpt-4o", NOW - 100, "closed", 1));
        health.update(report("gpt-4o", NOW - 9_000, "open", 7));

        assertThat(health.status().path("openai/gpt-4o").path("circuit_breaker").path("state").asText())
                .isEqualTo("closed");
    }

    @Test
    void reportsOlderThanThreeIntervalsAreFlaggedStale() {
        health.update(report("gpt-4o", NOW - 16_000, "closed", 0));

        assertThat(health.status().path("openai/gpt-4o").path("stale").asBoolean()).isTrue();
    }
}
