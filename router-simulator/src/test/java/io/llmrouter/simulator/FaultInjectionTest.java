package io.llmrouter.simulator;

import static io.llmrouter.simulator.SimulatorClient.chatBody;
import static io.llmrouter.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    @Test
    void failureRateOneAnswers500WithAServerErrorObject() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withFailureRate(1.0))) {
            HttpResponse<String> response = new SimulatorClient(server).postChat(chatBody("simulator-fast", "hi"));

            assertThat(response.statusCode()).isEqualTo(500);
            JsonNode error = json(response.body()).path("error");
            assertThat(error.path("message").asText()).isEqualTo("simulated upstream failure");
            assertThat(error.path("type").asText()).isEqualTo("server_error");
            assertThat(error.has("param")).isTrue();
            assertThat(error.has("code")).isTrue();
        }
    }

    @Test
    void rateLimitRateOneAnswers429WithRetryAfter() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withRateLimitRate(1.0))) {
            HttpResponse<String> response = new SimulatorClient(server).postChat(chatBody("simulator-fast", "hi"));

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("retry-after")).hasValue("1");
            JsonNode error = json(response.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("requests");
            assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(error.path("message").asText()).startsWith("Rate limit reached for simulator-fast");
        }
    }

    @Test
    void streamingRequestsFailWithAPlainJsonError() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withFailureRate(1.0))) {
            HttpResponse<String> response = new SimulatorClient(server)
                    .postChat(chatBody("simulator-fast", "hi").put("stream", true));

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        }
    }

    @Test
    void updateChangesBehaviourAtRunTime() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults())) {
            SimulatorClient client = new SimulatorClient(server);
            assertThat(client.postChat(chatBody("simulator-fast", "hi")).statusCode()).isEqualTo(200);

            server.update(server.settings().withFailureRate(1.0));
            assertThat(client.postChat(chatBody("simulator-fast", "hi")).statusCode()).isEqualTo(500);

            server.update(server.settings().withFailureRate(0.0));
            assertThat(client.postChat(chatBody("simulator-fast", "hi")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theSameSeedGivesTheSameSequenceOfFaults() {
        SimulatorSettings settings = SimulatorSettings.defaults().withFailureRate(0.3).withRateLimitRate(0.3);

        List<Integer> first = statuses(settings, 30);
        List<Integer> second = statuses(settings, 30);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(200, 429, 500);
    }

    @Test
    void answersWithConfiguredLatencyAndJitter() {
        SimulatorSettings slow = SimulatorSettings.defaults()
                .withLatency(Duration.ofMillis(5))
                .withLatencyJitter(Duration.ofMillis(5));
        try (SimulatorServer server = SimulatorServer.start(slow)) {
            HttpResponse<String> response = new SimulatorClient(server).postChat(chatBody("simulator-fast", "hi"));

            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    private static List<Integer> statuses(SimulatorSettings settings, int requests) {
        try (SimulatorServer server = SimulatorServer.start(settings)) {
            SimulatorClient client = new SimulatorClient(server);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                statuses.add(client.postChat(chatBody("simulator-fast", "question " + i)).statusCode());
            }
            return statuses;
        }
    }
}
