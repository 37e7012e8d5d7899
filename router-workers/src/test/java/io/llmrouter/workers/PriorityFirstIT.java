package io.llmrouter.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.Priority;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.testsupport.TopicReader;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A worker serves waiting critical work before a backlog of low-priority work. */
class PriorityFirstIT {

    private static final String REPLIES = "priority-replies";
    private static final int CONCURRENCY = 2;
    private static final String COMPLETION = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m1\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    @Test
    void criticalRequestOvertakesABacklogOfLowPriorityWork() {
        try (ScriptedUpstream upstream = new ScriptedUpstream()) {
            // Every answer takes 300 ms, so the low backlog is still waiting when the critical request comes.
            upstream.byDefault(new ScriptedUpstream.Pieces(200, Map.of("Content-Type", "application/json"),
                    List.of(" ", COMPLETION), Duration.ofMillis(300), Integer.MAX_VALUE));
            RouterConfig config = WorkerFixture.config(upstream.url() + "/v1", "", REPLIES);
            List<String> lows = WorkerFixture.publishWork(Priority.LOW, REPLIES, 30, "low");
            try (TopicReader replies = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(), REPLIES);
                 WorkerPool pool = WorkerPool.start(config, java.util.Set.of(WorkerFixture.PROVIDER), CONCURRENCY)) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> upstream.calls().size() >= CONCURRENCY);
                int answeredBefore = replies.records().size();

                String critical = WorkerFixture.publishWork(Priority.CRITICAL, REPLIES, 1, "critical").get(0);

                List<LlmReply> order = replies.awaitAll(LlmReply.class, r -> true, answeredBefore + 2 * CONCURRENCY + 1,
                        Duration.ofSeconds(30));
                List<String> ids = order.stream().map(LlmReply::requestId).toList();
                assertThat(ids).contains(critical);
                // Ahead of it at most the calls in flight when it came, plus one pool's worth that may have
                // started between counting the replies and publishing it.
                assertThat(ids.indexOf(critical)).isLessThanOrEqualTo(answeredBefore + 2 * CONCURRENCY);
                assertThat(lows.stream().filter(ids::contains).count()).isLessThan(lows.size() - 20);
            }
        }
    }
}
