package io.llmrouter.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing a worker process with 200 requests in flight loses none of them and answers none twice. */
class WorkerCrashIT {

    private static final String REPLIES = "crash-replies";
    private static final int REQUESTS = 200;
    private static final String COMPLETION = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m1\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    @TempDir
    Path dir;

    @Test
    void everyRequestGetsExactlyOneCommittedReplyWhenAWorkerIsKilledMidLoad() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream()) {
            // Every other answer is slow: when the worker dies, fast calls that overtook slow ones are done
            // and committed beyond the partition's offset, while the slow ones are still in flight.
            for (int i = 0; i < REQUESTS; i++) {
                upstream.then(answerAfter(Duration.ofMillis(i % 2 == 0 ? 200 : 4000)));
            }
            upstream.byDefault(answerAfter(Duration.ofMillis(50)));
            RouterConfig config = WorkerFixture.config(upstream.url() + "/v1", "", REPLIES);
            Path configFile = Files.writeString(dir.resolve("router.yaml"), WorkerFixture.yaml(upstream.url() + "/v1", ""));
            List<String> ids = WorkerFixture.publishWork(Priority.NORMAL, REPLIES, REQUESTS, "crash");

            Process doomed = startWorkerProcess(configFile);
            try (TopicReader replies = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(), REPLIES)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> upstream.calls().size() >= REQUESTS / 2);
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> replies.records().size() >= 20);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("The worker process made " + upstream.calls().size() + " calls; its log:\n"
                        + Files.readString(dir.resolve("worker.log")), e);
            } finally {
                doomed.destroyForcibly().waitFor();
            }
            int callsBeforeKill = upstream.calls().size();

            try (WorkerPool survivor = WorkerPool.start(config, Set.of(WorkerFixture.PROVIDER), 256)) {
                Map<String, Integer> replies = committedReplies(ids);
                assertThat(replies.keySet()).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(replies.values()).allMatch(count -> count == 1);
            }
            assertThat(callsBeforeKill).isGreaterThanOrEqualTo(REQUESTS / 2);
        }
    }

    private static ScriptedUpstream.Reply answerAfter(Duration delay) {
        return new ScriptedUpstream.Pieces(200, Map.of("Content-Type", "application/json"), List.of(" ", COMPLETION),
                delay, Integer.MAX_VALUE);
    }

    private static Process startWorkerProcess(Path configFile) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RouterWorkersMain.class.getName(),
                "--config", configFile.toString(), "--providers", WorkerFixture.PROVIDER, "--concurrency", "256"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(configFile.resolveSibling("worker.log").toFile()).start();
    }

    /** Reads the reply topic as a batch job would (read_committed) until every request is answered. */
    private static Map<String, Integer> committedReplies(List<String> ids) {
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", KafkaTestCluster.bootstrapServers(), "isolation.level", "read_committed",
                "group.id", "crash-check-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(REPLIES).stream()
                    .map(p -> new TopicPartition(REPLIES, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    counts.merge(WireFormat.fromBytes(record.value(), LlmReply.class).requestId(), 1, Integer::sum);
                }
                return counts.keySet().containsAll(ids) && caughtUp(consumer, partitions);
            });
        }
        return counts;
    }

    /** True when the consumer has read everything committed so far. */
    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }
}
