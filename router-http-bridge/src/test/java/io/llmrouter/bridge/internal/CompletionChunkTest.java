package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.bridge.OpenAiChunks;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.Test;

class CompletionChunkTest {

    @Test
    void theCompletionBecomesOneChunkWhoseDeltaIsTheMessage() {
        ObjectNode chunk = CompletionChunk.of(OpenAiChunks.completion("chatcmpl-9", "Kafka Streams", 4, 2));

        assertThat(chunk.path("id").asText()).isEqualTo("chatcmpl-9");
        assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(chunk.path("created").asLong()).isEqualTo(OpenAiChunks.CREATED);
        assertThat(chunk.path("model").asText()).isEqualTo(OpenAiChunks.MODEL);
        JsonNode choice = chunk.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("delta").path("content").asText()).isEqualTo("Kafka Streams");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void usageIsLeftOutOfTheChunk() {
        assertThat(CompletionChunk.of(OpenAiChunks.completion("c", "hi", 1, 1)).has("usage")).isFalse();
    }

    @Test
    void eachToolCallNamesItsPositionAsStreamedToolCallsDo() {
        ObjectNode completion = OpenAiChunks.completion("c", "", 1, 1);
        ObjectNode message = (ObjectNode) completion.path("choices").get(0).path("message");
        message.putNull("content");
        message.putArray("tool_calls").add(toolCall("call_a")).add(toolCall("call_b"));

        JsonNode calls = CompletionChunk.of(completion).path("choices").get(0).path("delta").path("tool_calls");

        assertThat(calls.get(0).path("index").asInt()).isZero();
        assertThat(calls.get(1).path("index").asInt()).isEqualTo(1);
        assertThat(calls.get(1).path("id").asText()).isEqualTo("call_b");
    }

    private static ObjectNode toolCall(String id) {
        ObjectNode call = WireFormat.mapper().createObjectNode();
        call.put("id", id).put("type", "function");
        call.putObject("function").put("name", "lookup").put("arguments", "{}");
        return call;
    }
}
