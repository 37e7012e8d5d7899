package io.llmrouter.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.Topics;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

/** Workers tell the router how each provider is doing, and hand failed requests back for failover. */
class HealthEventsIT {

    private static final String REPLIES = "health-replies";

    @Test
    void failingProviderIsReportedWithAnOpenBreakerAndItsRequestsAreHandedBack() {
        try (ScriptedUpstream upstream = new ScriptedUpstream()) {
            upstream.byDefault(ScriptedUpstream.error(500, "{\"error\":{\"message\":\"down\"}}", Map.of()));
            RouterConfig config = WorkerFixture.config(upstream.url() + "/v1",
                    "    resilience: {retry-max-attempts: 1}", REPLIES);
            try (TopicReader health = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(), Topics.HEALTH);
                 TopicReader failover = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(), Topics.FAILOVER);
                 WorkerPool pool = WorkerPool.start(config, Set.of(WorkerFixture.PROVIDER), 4)) {
                java.util.List<String> ids = WorkerFixture.publishWork(Priority.HIGH, REPLIES, 6, "doomed");

                HealthEvent event = health.await(HealthEvent.class, e -> "open".equals(e.breakerState()),
                        Duration.ofSeconds(30));
                assertThat(event.provider()).isEqualTo(WorkerFixture.PROVIDER);
                assertThat(event.errorRate()).isPositive();
                LlmRequest handedBack = failover.await(LlmRequest.class, r -> ids.contains(r.requestId()),
                        Duration.ofSeconds(30));
                assertThat(handedBack.route()).isNull();
                assertThat(handedBack.attempts()).singleElement().satisfies(a -> {
                    assertThat(a.provider()).isEqualTo(WorkerFixture.PROVIDER);
                    assertThat(a.status()).isEqualTo(502);
                });
                // One call per request at most: retries are off, and the breaker stops calls once open.
                assertThat(upstream.calls()).filteredOn(call -> call.method().equals("POST"))
                        .hasSizeLessThanOrEqualTo(6);
            }
        }
    }
}
