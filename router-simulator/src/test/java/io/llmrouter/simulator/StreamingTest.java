package io.llmrouter.simulator;

import static io.llmrouter.simulator.SimulatorClient.chatBody;
import static io.llmrouter.simulator.SimulatorClient.events;
import static io.llmrouter.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamingTest {

    private static final String QUESTION = "Why is the sky blue?";

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
    void streamsChunksInOrderEndingWithDone() {
        HttpResponse<String> response = client.postChat(chatBody("simulator-fast", QUESTION).put("stream", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = events(response.body());
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(SimulatorClient::json).toList();
        assertThat(chunks.size()).isGreaterThan(3);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo(chunks.get(0).path("id").asText());
            assertThat(chunk.path("model").asText()).isEqualTo("simulator-fast");
            assertThat(chunk.has("usage")).isFalse();
        });
        assertThat(delta(chunks.get(0)).path("role").asText()).isEqualTo("assistant");
        for (JsonNode middle : chunks.subList(0, chunks.size() - 1)) {
            assertThat(middle.path("choices").path(0).path("finish_reason").isNull()).isTrue();
        }
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(delta(last).isEmpty()).isTrue();
    }

    @Test
    void streamedPiecesJoinToTheNonStreamedAnswer() {
        String whole = json(client.postChat(chatBody("simulator-fast", QUESTION)).body())
                .path("choices").path(0).path("message").path("content").asText();

        List<String> events = events(client.postChat(chatBody("simulator-fast", QUESTION).put("stream", true)).body());

        StringBuilder joined = new StringBuilder();
        events.stream().filter(event -> !event.equals("[DONE]"))
                .map(event -> delta(json(event)).path("content").asText(""))
                .forEach(joined::append);
        assertThat(joined.toString()).isEqualTo(whole);
    }

    @Test
    void endsWithAUsageChunkWhenIncludeUsageIsSet() {
        ObjectNode request = chatBody("simulator-fast", QUESTION).put("stream", true);
        request.putObject("stream_options").put("include_usage", true);

        List<String> events = events(client.postChat(request).body());

        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        JsonNode usageChunk = json(events.get(events.size() - 2));
        assertThat(usageChunk.path("choices").isEmpty()).isTrue();
        JsonNode usage = usageChunk.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isPositive();
        assertThat(usage.path("completion_tokens").asInt()).isPositive();
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
        JsonNode finishChunk = json(events.get(events.size() - 3));
        assertThat(finishChunk.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(finishChunk.path("usage").isNull()).isTrue();
    }

    @Test
    void streamsATruncatedAnswerWithFinishReasonLength() {
        List<String> events = events(client.postChat(
                chatBody("simulator-fast", QUESTION).put("stream", true).put("max_tokens", 4)).body());

        JsonNode finishChunk = json(events.get(events.size() - 2));
        assertThat(finishChunk.path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
    }

    private static JsonNode delta(JsonNode chunk) {
        return chunk.path("choices").path(0).path("delta");
    }
}
