package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.bridge.OpenAiChunks;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StreamUsageTest {

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) WireFormat.mapper().readTree(json);
    }

    @Test
    void usageIsIncludedOnlyWhenStreamOptionsAskForIt() throws Exception {
        assertThat(StreamUsage.of(body("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}")).included()).isTrue();
        assertThat(StreamUsage.of(body("{\"stream\":true,\"stream_options\":{\"include_usage\":false}}")).included()).isFalse();
        assertThat(StreamUsage.of(body("{\"stream\":true}")).included()).isFalse();
    }

    @Test
    void aChunkWithNoChoicesIsUsageOnlyWhenItCarriesUsage() {
        ObjectNode emptyWithoutUsage = OpenAiChunks.usageOnly("c", 1, 1);
        emptyWithoutUsage.remove("usage");

        assertThat(StreamUsage.isUsageOnly(OpenAiChunks.usageOnly("c", 1, 1))).isTrue();
        assertThat(StreamUsage.isUsageOnly(emptyWithoutUsage)).isFalse();
        assertThat(StreamUsage.isUsageOnly(OpenAiChunks.content("c", "hi"))).isFalse();
    }

    @Nested
    class WhenTheCallerDidNotAskForUsage {

        private final StreamUsage usage = new StreamUsage(false);

        @Test
        void theUsageOnlyChunkIsNotSent() {
            assertThat(usage.shape(OpenAiChunks.usageOnly("c", 3, 5))).isEmpty();
        }

        @Test
        void noOtherChunkMentionsUsage() {
            ObjectNode withUsage = OpenAiChunks.finish("c", "stop");
            withUsage.set("usage", OpenAiChunks.usageOnly("c", 3, 5).get("usage"));

            assertThat(usage.shape(withUsage)).hasValueSatisfying(shaped -> assertThat(shaped.has("usage")).isFalse());
            assertThat(usage.shape(OpenAiChunks.content("c", "hi")))
                    .hasValueSatisfying(shaped -> assertThat(shaped.has("usage")).isFalse());
        }

        @Test
        void aChunkWithNoChoicesAndNoUsageIsStillSent() {
            ObjectNode empty = OpenAiChunks.usageOnly("c", 1, 1);
            empty.remove("usage");

            assertThat(usage.shape(empty)).isPresent();
        }
    }

    @Nested
    class WhenTheCallerAskedForUsage {

        private final StreamUsage usage = new StreamUsage(true);

        @Test
        void theUsageOnlyChunkIsSentAsItCame() {
            ObjectNode usageOnly = OpenAiChunks.usageOnly("c", 3, 5);

            assertThat(usage.shape(usageOnly)).contains(usageOnly);
        }

        @Test
        void everyOtherChunkHasANullUsage() {
            ObjectNode withUsage = OpenAiChunks.finish("c", "stop");
            withUsage.set("usage", OpenAiChunks.usageOnly("c", 3, 5).get("usage"));

            assertThat(usage.shape(OpenAiChunks.content("c", "hi")))
                    .hasValueSatisfying(shaped -> assertThat(shaped.get("usage").isNull()).isTrue());
            assertThat(usage.shape(withUsage))
                    .hasValueSatisfying(shaped -> assertThat(shaped.get("usage").isNull()).isTrue());
        }

        @Test
        void shapingLeavesTheOriginalChunkAlone() {
            ObjectNode chunk = OpenAiChunks.content("c", "hi");

            usage.shape(chunk);

            assertThat(chunk.has("usage")).isFalse();
        }
    }

    @Test
    void aMadeUpUsageChunkNamesTheStreamItEnds() {
        ObjectNode last = OpenAiChunks.finish("chatcmpl-1", "stop");
        ObjectNode totals = (ObjectNode) OpenAiChunks.usageOnly("x", 3, 5).get("usage");

        ObjectNode chunk = StreamUsage.usageChunk(last, totals);

        assertThat(chunk.path("id").asText()).isEqualTo("chatcmpl-1");
        assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(chunk.path("created").asLong()).isEqualTo(OpenAiChunks.CREATED);
        assertThat(chunk.path("model").asText()).isEqualTo(OpenAiChunks.MODEL);
        assertThat(chunk.path("choices").isEmpty()).isTrue();
        assertThat(chunk.path("usage").path("total_tokens").asInt()).isEqualTo(8);
        assertThat(StreamUsage.isUsageOnly(chunk)).isTrue();
    }
}
