package io.llmrouter.simulator;

import static io.llmrouter.simulator.SimulatorClient.chatBody;
import static io.llmrouter.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InvalidRequestTest {

    private static SimulatorServer server;
    private static SimulatorClient client;

    @BeforeAll
    static void startSimulator() {
        server = SimulatorServer.start(SimulatorSettings.defaults());
        client = new SimulatorClient(server);
    }

    @AfterAll
    static void stopSimulator() {
        server.close();
    }

    @Test
    void rejectsMissingMessagesWith400() {
        ObjectNode request = chatBody("simulator-fast", "hi");
        request.remove("messages");

        HttpResponse<String> response = client.postChat(request);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo("messages");
        assertThat(error.path("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(error.path("message").asText()).isEqualTo("Missing required parameter: 'messages'.");
    }

    @Test
    void rejectsInvalidJsonWith400() {
        HttpResponse<String> response = client.postChat("{\"model\": \"simulator-fast\", \"messages\": [");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("could not parse the JSON body");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
    }

    @Test
    void rejectsMissingModelWith400() {
        ObjectNode request = chatBody("simulator-fast", "hi");
        request.remove("model");

        HttpResponse<String> response = client.postChat(request);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("error").path("message").asText())
                .isEqualTo("you must provide a model parameter");
    }

    @Test
    void rejectsAnEmptyMessageListWith400() {
        ObjectNode request = chatBody("simulator-fast", "hi");
        request.putArray("messages");

        HttpResponse<String> response = client.postChat(request);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("error").path("code").asText()).isEqualTo("empty_array");
    }

    @Test
    void rejectsAMaxTokensBelowOneWith400() {
        HttpResponse<String> response = client.postChat(chatBody("simulator-fast", "hi").put("max_tokens", 0));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("param").asText()).isEqualTo("max_tokens");
        assertThat(error.path("code").asText()).isEqualTo("integer_below_min_value");
    }

    @Test
    void rejectsAnUnknownRoleWith400() {
        ObjectNode request = chatBody("simulator-fast", "hi");
        ((ObjectNode) request.path("messages").path(1)).put("role", "robot");

        HttpResponse<String> response = client.postChat(request);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("param").asText()).isEqualTo("messages[1].role");
        assertThat(error.path("code").asText()).isEqualTo("invalid_value");
    }

    @Test
    void answersAnUnknownModelWith404ModelNotFound() {
        HttpResponse<String> response = client.postChat(chatBody("gpt-4o", "hi"));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_found");
        assertThat(error.path("message").asText()).contains("gpt-4o");
    }

    @Test
    void answersAnUnknownRouteWith404ErrorObject() {
        HttpResponse<String> response = client.get("/embeddings");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).isEqualTo("Invalid URL (GET /v1/embeddings)");
    }
}
