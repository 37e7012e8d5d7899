package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Standalone mode: the embedded broker's data folder and ports.
 *
 * @param dataDir        where the broker and state stores keep their data
 * @param kafkaPort      the embedded broker's client port
 * @param controllerPort the embedded broker's KRaft controller port
 */
public record StandaloneSettings(
        @JsonProperty("data-dir") String dataDir,
        @JsonProperty("kafka-port") int kafkaPort,
        @JsonProperty("controller-port") int controllerPort) {

    /** Data under {@code ./data}, broker on 9092. */
    public static final StandaloneSettings DEFAULTS = new StandaloneSettings("data", 9092, 9093);
}
