package io.llmrouter.simulator;

import static io.llmrouter.simulator.SimulatorClient.chatBody;
import static io.llmrouter.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class FailoverFaultsTest {

    // Long enough for a local answer to arrive, short enough to keep the suite fast when none does.
    private static final Duration SILENCE = Duration.ofMillis(300);
    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    @Test
    void overloadRateOneAnswers529WithAnOverloadedErrorBody() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withOverloadRate(1.0))) {
            HttpResponse<String> response = new SimulatorClient(server).postChat(chatBody("simulator-fast", "hi"));

            assertThat(response.statusCode()).isEqualTo(529);
            JsonNode body = json(response.body());
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.path("error").path("type").asText()).isEqualTo("overloaded_error");
            assertThat(body.path("error").path("message").asText()).isEqualTo("Overloaded");
        }
    }

    @Test
    void unauthorizedRateOneAnswers401WithAnInvalidApiKeyError() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withUnauthorizedRate(1.0))) {
            HttpResponse<String> response = new SimulatorClient(server).postChat(chatBody("simulator-fast", "hi"));

            assertThat(response.statusCode()).isEqualTo(401);
            JsonNode error = json(response.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
            assertThat(error.path("message").asText()).startsWith("Incorrect API key provided");
            assertThat(error.has("param")).isTrue();
        }
    }

    @Test
    void malformedRateOneAnswers200WithAnHtmlPageInsteadOfJson() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withMalformedRate(1.0))) {
            HttpResponse<String> response = new SimulatorClient(server).postChat(chatBody("simulator-fast", "hi"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).contains("<html>", "502 Bad Gateway");
            assertThatThrownBy(() -> json(response.body())).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void resetRateOneDropsTheConnectionWithoutAnAnswer() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withResetRate(1.0))) {
            SimulatorClient client = new SimulatorClient(server);

            assertThatThrownBy(() -> client.postChat(chatBody("simulator-fast", "hi")))
                    .isInstanceOf(UncheckedIOException.class)
                    .cause().isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void hangRateOneNeverAnswers() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withHangRate(1.0))) {
            SimulatorClient client = new SimulatorClient(server);

            assertThatThrownBy(() -> client.postChatWithin(chatBody("simulator-fast", "hi"), SILENCE))
                    .cause().isInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void stallRateOneSendsTheFirstChunkOfAStreamAndThenGoesSilent() throws InterruptedException {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withStallRate(1.0))) {
            StreamRecorder recorder = new StreamRecorder();
            HttpResponse<?> response = new SimulatorClient(server)
                    .openStream(chatBody("simulator-fast", "hi").put("stream", true), recorder);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(recorder.nextEvent(ARRIVAL)).hasValueSatisfying(event ->
                    assertThat(delta(event).path("role").asText()).isEqualTo("assistant"));
            assertThat(recorder.nextEvent(ARRIVAL)).hasValueSatisfying(event ->
                    assertThat(delta(event).path("content").asText()).startsWith("[simulator]"));
            assertThat(recorder.nextEvent(SILENCE)).isEmpty();
            assertThat(recorder.endsWithin(Duration.ZERO)).isFalse();
            recorder.cancel();
        }
    }

    @Test
    void stallRateOneHangsANonStreamingRequest() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withStallRate(1.0))) {
            SimulatorClient client = new SimulatorClient(server);

            assertThatThrownBy(() -> client.postChatWithin(chatBody("simulator-fast", "hi"), SILENCE))
                    .cause().isInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void closingTheServerEndsAStalledStream() throws InterruptedException {
        SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults().withStallRate(1.0));
        StreamRecorder recorder = new StreamRecorder();
        new SimulatorClient(server).openStream(chatBody("simulator-fast", "hi").put("stream", true), recorder);
        assertThat(recorder.nextEvent(ARRIVAL)).isPresent();

        server.close();

        assertThat(recorder.endsWithin(ARRIVAL)).isTrue();
    }

    @Test
    void updateSwitchesHangingOnAndOff() {
        try (SimulatorServer server = SimulatorServer.start(SimulatorSettings.defaults())) {
            SimulatorClient client = new SimulatorClient(server);
            assertThat(client.postChat(chatBody("simulator-fast", "hi")).statusCode()).isEqualTo(200);

            server.update(server.settings().withHangRate(1.0));
            assertThatThrownBy(() -> client.postChatWithin(chatBody("simulator-fast", "hi"), SILENCE))
                    .cause().isInstanceOf(HttpTimeoutException.class);

            server.update(server.settings().withHangRate(0.0));
            assertThat(client.postChat(chatBody("simulator-fast", "hi")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theSameSeedGivesTheSameMixOfAnsweredFaults() {
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withOverloadRate(0.25).withUnauthorizedRate(0.25).withMalformedRate(0.25);

        List<String> first = outcomes(settings, 30);
        List<String> second = outcomes(settings, 30);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains("529", "401", "200 text/html", "200 application/json");
    }

    private static List<String> outcomes(SimulatorSettings settings, int requests) {
        try (SimulatorServer server = SimulatorServer.start(settings)) {
            SimulatorClient client = new SimulatorClient(server);
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                HttpResponse<String> response = client.postChat(chatBody("simulator-fast", "question " + i));
                outcomes.add(response.statusCode() == 200
                        ? "200 " + response.headers().firstValue("content-type").orElse("").split(";")[0]
                        : Integer.toString(response.statusCode()));
            }
            return outcomes;
        }
    }

    private static JsonNode delta(String event) {
        return json(event).path("choices").path(0).path("delta");
    }
}
