package io.llmrouter.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.CacheSettings;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.QuotaConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two streams instances split the request partitions between them, yet one provider's quota is decided by the one
 * task that owns its key: requests arriving through both instances at once never overspend it by more than one
 * request's estimate.
 */
class TwoInstancesQuotaIT {

    private static final String REPLIES = "two-instance-quota-replies";
    private static final long TOKENS_PER_DAY = 2_000;
    private static final int REQUESTS = 60;

    @Test
    void twoInstancesNeverOverspendOneProvidersQuota() throws Exception {
        RouterConfig config = withQuota(TestConfigs.bundled(KafkaTestCluster.bootstrapServers()));
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        KafkaTestCluster.createTopics(2, List.of(REPLIES));
        String run = "quota-" + System.nanoTime() + "-";

        try (RouterStreamsApp first = RouterStreamsApp.start(config, Set.of("simulator"), stateDir());
             RouterStreamsApp second = RouterStreamsApp.start(config, Set.of("simulator"), stateDir());
             TopicReader work = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(),
                     Topics.workTopic("simulator", Priority.NORMAL));
             TopicReader replies = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(), REPLIES);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     KafkaTestCluster.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> bothRunning(first, second));

            for (int i = 0; i < REQUESTS; i++) {
                ObjectNode body = RequestRecords.chatBody("auto", "Question number " + i + ": what is a partition?");
                body.put("max_tokens", 100);
                LlmRequest request = LlmRequest.of(run + i, Priority.NORMAL, REPLIES, System.currentTimeMillis(), body,
                        RoutingHints.NONE);
                producer.send(new ProducerRecord<>(Priority.NORMAL.requestTopic(), request.requestId(),
                        RequestRecords.bytes(request)));
            }
            producer.flush();

            List<RouteDecision> admitted = new ArrayList<>();
            List<LlmReply> refused = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                admitted.clear();
                refused.clear();
                ours(work.records(), run).forEach(v -> admitted.add(WireFormat.fromBytes(v, LlmRequest.class).route()));
                ours(replies.records(), run).forEach(v -> refused.add(WireFormat.fromBytes(v, LlmReply.class)));
                return admitted.size() + refused.size() >= REQUESTS;
            });

            long reserved = admitted.stream().mapToLong(TwoInstancesQuotaIT::estimate).sum();
            long largest = admitted.stream().mapToLong(TwoInstancesQuotaIT::estimate).max().orElseThrow();
            assertThat(reserved).isLessThanOrEqualTo(TOKENS_PER_DAY + largest);
            assertThat(reserved).isGreaterThan(TOKENS_PER_DAY - largest);
            assertThat(refused).isNotEmpty().allSatisfy(reply -> {
                assertThat(reply.error().status()).isEqualTo(429);
                assertThat(reply.error().code()).isEqualTo("quota_exceeded");
                assertThat(reply.error().message()).contains("simulator over its tokens-per-day quota");
            });
        }
    }

    /** The bundled configuration with the caches off and a daily token quota on the simulator provider. */
    private static RouterConfig withQuota(RouterConfig bundled) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>(bundled.providers());
        providers.put("simulator", providers.get("simulator")
                .withQuota(new QuotaConfig(null, null, TOKENS_PER_DAY, null, null, null)));
        return bundled.withProviders(providers)
                .withCache(new CacheSettings(false, null, null, null, null, null, null));
    }

    private static List<byte[]> ours(List<ConsumerRecord<String, byte[]>> records, String run) {
        return records.stream().filter(r -> r.key() != null && r.key().startsWith(run)).map(ConsumerRecord::value)
                .toList();
    }

    private static long estimate(RouteDecision route) {
        return route.estimatedPromptTokens() + route.estimatedCompletionTokens();
    }

    private static boolean bothRunning(RouterStreamsApp first, RouterStreamsApp second) {
        return first.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                && second.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING;
    }

    private static Path stateDir() throws java.io.IOException {
        return Files.createTempDirectory("streams-state");
    }
}
