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
import io.llmrouter.cache.CacheKey;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.CacheDirective;
import io.llmrouter.schemas.CacheEntry;
import io.llmrouter.schemas.CacheEvent;
import io.llmrouter.schemas.CacheInfo;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Two streams instances split the request partitions; a cached answer is found whichever one gets the repeat. */
class TwoInstancesCacheIT {

    private static final String REPLIES = "two-instance-replies";

    @Test
    void repeatIsAnExactHitWhicheverInstanceServesIt() throws Exception {
        RouterConfig config = TestConfigs.bundled(KafkaTestCluster.bootstrapServers());
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        KafkaTestCluster.createTopics(2, List.of(REPLIES));
        ObjectNode body = RequestRecords.chatBody("auto", "What is a partition?");
        body.put("temperature", 0);

        try (RouterStreamsApp first = RouterStreamsApp.start(config, Set.of("simulator"), stateDir());
             RouterStreamsApp second = RouterStreamsApp.start(config, Set.of("simulator"), stateDir());
             TopicReader replies = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(), REPLIES);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     KafkaTestCluster.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            String key = fill(producer, body, "Partitions split a topic.");
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> bothRunning(first, second) && first.holdsCachedAnswer(key) && second.holdsCachedAnswer(key));

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LlmRequest repeat = LlmRequest.of("repeat-" + i, Priority.NORMAL, REPLIES, System.currentTimeMillis(),
                        body.deepCopy(), RoutingHints.NONE);
                ids.add(repeat.requestId());
                producer.send(new ProducerRecord<>(Priority.NORMAL.requestTopic(), repeat.requestId(),
                        RequestRecords.bytes(repeat)));
            }
            producer.flush();

            List<LlmReply> answers = replies.awaitAll(LlmReply.class, reply -> ids.contains(reply.requestId()),
                    ids.size(), Duration.ofSeconds(60));
            assertThat(answers).allSatisfy(reply -> {
                assertThat(reply.cache()).isEqualTo(CacheInfo.EXACT_HIT);
                assertThat(reply.response().at("/choices/0/message/content").asText())
                        .isEqualTo("Partitions split a topic.");
            });
            assertThat(first.cacheStats().exactHits()).isPositive();
            assertThat(second.cacheStats().exactHits()).isPositive();
        }
    }

    private static boolean bothRunning(RouterStreamsApp first, RouterStreamsApp second) {
        return first.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                && second.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING;
    }

    /** Publishes the answer as a worker would after serving the request. */
    private static String fill(KafkaProducer<String, byte[]> producer, ObjectNode body, String answer) {
        CacheKey key = CacheKey.of(body, "*");
        ObjectNode completion = WireFormat.mapper().createObjectNode().put("object", "chat.completion");
        completion.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", answer);
        long now = System.currentTimeMillis();
        CacheEntry entry = new CacheEntry(new CacheDirective(key.exact(), "*", key.modelGroup(), key.contextHash(),
                null, null), "simulator", "simulator-fast", completion, now, now + 3_600_000L);
        producer.send(new ProducerRecord<>(Topics.CACHE_EVENTS, key.exact(), WireFormat.toBytes(CacheEvent.fill(entry, now))));
        producer.flush();
        return key.exact();
    }

    private static Path stateDir() throws java.io.IOException {
        return Files.createTempDirectory("streams-state");
    }
}
