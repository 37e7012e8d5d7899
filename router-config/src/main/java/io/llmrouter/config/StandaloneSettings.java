package io.llmrouter.config;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Standalone mode: the embedded broker's data folder, ports and settings.
 *
 * @param dataDir        where the broker and state stores keep their data
 * @param kafkaPort      the embedded broker's client port
 * @param controllerPort the embedded broker's KRaft controller port
 * @param broker         broker settings passed through as they are, e.g. {@code num.io.threads}
 */
public record StandaloneSettings(
        @JsonProperty("data-dir") String dataDir,
        @JsonProperty("kafka-port") int kafkaPort,
        @JsonProperty("controller-port") int controllerPort,
        @JsonProperty("broker") Map<String, String> broker) {

    /** Data under {@code ./data}, broker on 9092 with Kafka's own settings. */
    public static final StandaloneSettings DEFAULTS = new StandaloneSettings("data", 9092, 9093, Map.of());

    public StandaloneSettings {
        broker = broker == null ? Map.of() : Map.copyOf(broker);
    }

    @Override
    public String toString() {
        return "StandaloneSettings[data-dir=" + dataDir + ", kafka-port=" + kafkaPort + ", controller-port=" + controllerPort
                + ", broker=" + KafkaSettings.masked(broker) + "]";
    }
}
