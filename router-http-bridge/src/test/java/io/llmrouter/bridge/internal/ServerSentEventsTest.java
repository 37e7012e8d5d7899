package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.bridge.OpenAiChunks;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    @Test
    void aChunkIsOneDataLineFollowedByABlankLine() {
        String event = ServerSentEvents.data(OpenAiChunks.content("c", "line one\nline two"));

        assertThat(event).startsWith("data: {").endsWith("}\n\n");
        assertThat(event.substring(0, event.length() - 2)).doesNotContain("\n");
    }

    @Test
    void theEventCarriesTheChunkUnchanged() {
        var chunk = OpenAiChunks.content("c", "hi");

        assertThat(ServerSentEvents.data(chunk)).isEqualTo("data: " + chunk + "\n\n");
    }

    @Test
    void aCompletedStreamEndsWithDone() {
        assertThat(ServerSentEvents.DONE).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void aBrokenStreamEndsWithAnOpenAiErrorObject() throws Exception {
        String event = ServerSentEvents.error(ErrorInfo.upstream("connection reset"));

        JsonNode error = WireFormat.mapper().readTree(event.substring("data: ".length()).trim()).path("error");
        assertThat(event).endsWith("\n\n");
        assertThat(error.path("message").asText()).isEqualTo("connection reset");
        assertThat(error.path("type").asText()).isEqualTo("upstream_error");
        assertThat(error.path("code").asText()).isEqualTo("upstream_failed");
        assertThat(error.has("param")).isTrue();
    }
}
