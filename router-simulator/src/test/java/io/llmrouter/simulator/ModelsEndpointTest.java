package io.llmrouter.simulator;

import static io.llmrouter.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelsEndpointTest {

    private static SimulatorServer server;
    private static SimulatorClient client;

    @BeforeAll
    static void startSimulator() {
        server = SimulatorServer.start(SimulatorSettings.defaults().withModels(List.of("sim-a", "sim-b", "sim-c")));
        client = new SimulatorClient(server);
    }

    @AfterAll
    static void stopSimulator() {
        server.close();
    }

    @Test
    void listsTheConfiguredModels() {
        HttpResponse<String> response = client.get("/models");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data")).extracting(model -> model.path("id").asText())
                .containsExactly("sim-a", "sim-b", "sim-c");
        assertThat(body.path("data")).allSatisfy(model -> {
            assertThat(model.path("object").asText()).isEqualTo("model");
            assertThat(model.path("created").asLong()).isPositive();
            assertThat(model.path("owned_by").asText()).isEqualTo("llm-router-simulator");
        });
    }

    @Test
    void retrievesOneConfiguredModel() {
        HttpResponse<String> response = client.get("/models/sim-b");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).path("id").asText()).isEqualTo("sim-b");
    }

    @Test
    void answersAnUnknownModelIdWith404() {
        HttpResponse<String> response = client.get("/models/gpt-4o");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body()).path("error").path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void labelsEveryAnswerAsComingFromTheSimulator() {
        HttpResponse<String> response = client.get("/models");

        assertThat(response.headers().firstValue("server")).hasValue("llm-router-simulator");
    }
}
