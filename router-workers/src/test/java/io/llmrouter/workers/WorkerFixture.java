package io.llmrouter.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.schemas.Topics;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.RequestRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A one-provider configuration on the test broker, and routed work records for it. */
final class WorkerFixture {

    static final String PROVIDER = "upstream";
    static final String MODEL = "m1";

    private WorkerFixture() {
    }

    /** YAML for one OpenAI-compatible provider at {@code baseUrl}, on the test broker. */
    static String yaml(String baseUrl, String extraProviderSettings) {
        return """
                kafka:
                  bootstrap-servers: %s
                  topics: {request-partitions: 2, work-partitions: 2, reply-partitions: 2, reply-topics: []}
                providers:
                  %s:
                    kind: openai
                    base-url: %s
                    api-key: test-key
                %s
                    models:
                      %s: {context-window: 8000}
                routes:
                  default:
                    targets: [%s/%s]
                """.formatted(KafkaTestCluster.bootstrapServers(), PROVIDER, baseUrl, extraProviderSettings, MODEL,
                PROVIDER, MODEL);
    }

    /** The configuration, with its topics and a fresh reply topic created. */
    static RouterConfig config(String baseUrl, String extraProviderSettings, String replyTopic) {
        RouterConfig config = ConfigLoader.parse(yaml(baseUrl, extraProviderSettings), "test.yaml", Map.of());
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        KafkaTestCluster.createTopics(2, List.of(replyTopic));
        return config;
    }

    /** Publishes routed requests straight to the provider's work topic of that priority; returns their ids. */
    static List<String> publishWork(Priority priority, String replyTopic, int count, String text) {
        List<String> ids = new ArrayList<>();
        // One request in flight: right after the topics are created the first send can be refused as not the
        // leader, and with later batches already in flight its retry was then refused as out of sequence for
        // two minutes, until the delivery timeout.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                KafkaTestCluster.bootstrapServers(), ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                LlmRequest request = RequestRecords.chat(priority, replyTopic, MODEL, text + " " + i + " " + UUID.randomUUID())
                        .routedTo(new RouteDecision(PROVIDER, MODEL, "test", List.of()));
                ids.add(request.requestId());
                producer.send(new ProducerRecord<>(Topics.workTopic(PROVIDER, priority), request.requestId(),
                        RequestRecords.bytes(request)));
            }
        }
        return ids;
    }
}
