package io.llmrouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimulatorServerTest {

    @Test
    void picksAFreePortAndReportsTheOpenAiBaseUrl() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults())) {
            assertThat(server.port()).isPositive();
            assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
        }
    }

    @Test
    void failsToStartOnAPortAlreadyInUse() {
        try (SimulatorServer first = SimulatorServer.start(SimulatorSettings.defaults())) {
            assertThatThrownBy(() -> SimulatorServer.start(SimulatorSettings.defaults().withPort(first.port())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot start the LLM simulator on 127.0.0.1:" + first.port());
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults());

        server.close();
        server.close();
    }
}
