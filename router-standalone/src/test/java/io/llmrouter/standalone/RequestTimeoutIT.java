package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.chat;
import static io.llmrouter.standalone.RouterUnderTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import org.junit.jupiter.api.Test;

/** A caller never waits forever: no reply in time means a 504 OpenAI error. */
class RequestTimeoutIT {

    private static RouterConfig slowSimulatorAndImpatientBridge(RouterConfig config) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>(config.providers());
        ProviderConfig sim = providers.get("simulator");
        providers.put("simulator", sim.withSimulation(new ProviderConfig.SimulationConfig(5_000, 0, 0, 0, 1)));
        return config.withProviders(providers).withBridge(config.bridge().withRequestTimeoutMs(300));
    }

    @Test
    void unansweredRequestTimesOutWith504() {
        try (RouterUnderTest router = RouterUnderTest.start(RequestTimeoutIT::slowSimulatorAndImpatientBridge)) {
            HttpResponse<String> response = router.post("/chat/completions", chat("auto", "are you there?"));

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(json(response).path("error").path("type").asText()).isEqualTo("timeout");
            assertThat(json(response).path("error").path("message").asText()).contains("300 ms");
        }
    }
}
