package io.llmrouter.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.CacheSettings;
import io.llmrouter.config.KeyHash;
import io.llmrouter.config.KeysConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.config.VirtualKey;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RoutingHints;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.RequestRecords;
import io.llmrouter.testsupport.TestConfigs;
import io.llmrouter.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two streams instances split the request partitions between them, yet a virtual key's limit is decided by the one
 * key-ledger task that owns the key: of many requests with one key arriving through both at once, exactly the
 * key's requests-per-minute are admitted.
 */
class TwoInstancesKeysIT {

    private static final String REPLIES = "two-instance-keys-replies";
    // At 4 a minute the bucket gains one request per 15 s, far more than the burst takes to pass the ledger.
    private static final long PER_MINUTE = 4;
    private static final int REQUESTS = 30;

    @Test
    void twoInstancesAdmitExactlyAKeysRequestsPerMinute() throws Exception {
        String run = "keys-" + System.nanoTime() + "-";
        String keyId = "two-instances-" + Long.toString(System.nanoTime(), 36);
        RouterConfig bundled = TestConfigs.bundled(KafkaTestCluster.bootstrapServers());
        RouterConfig config = bundled.withCache(new CacheSettings(false, null, null, null, null, null, null))
                .withKeys(new KeysConfig(null, null, Map.of(keyId, new VirtualKey(KeyHash.sha256Hex(keyId),
                        null, null, null, PER_MINUTE, null, null, null))));
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        KafkaTestCluster.createTopics(2, List.of(REPLIES));

        try (RouterStreamsApp first = RouterStreamsApp.start(config, Set.of("simulator"), stateDir());
             RouterStreamsApp second = RouterStreamsApp.start(config, Set.of("simulator"), stateDir());
             TopicReader work = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(),
                     Topics.workTopic("simulator", Priority.NORMAL));
             TopicReader replies = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(), REPLIES);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     KafkaTestCluster.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> first.state() == KafkaStreams.State.RUNNING
                    && second.state() == KafkaStreams.State.RUNNING);

            for (int i = 0; i < REQUESTS; i++) {
                ObjectNode body = RequestRecords.chatBody("auto", "Question number " + i + ": what is a key?");
                LlmRequest request = LlmRequest.of(run + i, Priority.NORMAL, REPLIES, System.currentTimeMillis(), body,
                        new RoutingHints(null, null, null, keyId));
                producer.send(new ProducerRecord<>(Priority.NORMAL.requestTopic(), request.requestId(),
                        RequestRecords.bytes(request)));
            }
            producer.flush();

            List<byte[]> admitted = new ArrayList<>();
            List<LlmReply> refused = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                admitted.clear();
                refused.clear();
                admitted.addAll(ours(work.records(), run));
                ours(replies.records(), run).forEach(v -> refused.add(WireFormat.fromBytes(v, LlmReply.class)));
                return admitted.size() + refused.size() >= REQUESTS;
            });

            assertThat(admitted).hasSize((int) PER_MINUTE);
            assertThat(refused).hasSize(REQUESTS - (int) PER_MINUTE).allSatisfy(reply -> {
                assertThat(reply.error().status()).isEqualTo(429);
                assertThat(reply.error().code()).isEqualTo("rate_limited");
            });
        }
    }

    private static List<byte[]> ours(List<ConsumerRecord<String, byte[]>> records, String run) {
        return records.stream().filter(r -> r.key() != null && r.key().startsWith(run)).map(ConsumerRecord::value)
                .toList();
    }

    private static Path stateDir() throws java.io.IOException {
        return Files.createTempDirectory("streams-state");
    }
}
