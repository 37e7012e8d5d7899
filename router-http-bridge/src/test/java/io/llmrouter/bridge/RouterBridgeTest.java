package io.llmrouter.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.llmrouter.testsupport.TestConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class RouterBridgeTest {

    private final Map<String, Object> props = RouterBridge.publisherProperties(TestConfigs.bundled("localhost:9092"));

    @Test
    void requestProducerKeepsTheMetadataItLoadedAtStart() {
        assertThat(props).containsEntry(ProducerConfig.METADATA_MAX_IDLE_CONFIG, Duration.ofDays(365).toMillis());
    }

    @Test
    void requestProducerHoldsAnEventLoopOnlyBriefly() {
        assertThat(props).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, RouterBridge.PUBLISH_MAX_BLOCK_MS);
    }

    @Test
    void requestProducerTakesTheConfiguredKafkaSettings() {
        assertThat(props).containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "0")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }
}
