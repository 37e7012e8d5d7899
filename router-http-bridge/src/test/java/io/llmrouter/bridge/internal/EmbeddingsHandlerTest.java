package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EmbeddingsHandlerTest {

    /** Each text's vector is {length, 0.5}; each text is as many tokens as characters. */
    private static final EmbeddingModel MODEL = new EmbeddingModel() {
        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(text -> new float[] {text.length(), 0.5f}).toList();
        }

        @Override
        public int tokens(String text) {
            return text.length();
        }

        @Override
        public void close() {
        }
    };

    @Test
    void theReplyListsOneEmbeddingPerInputInOrder() {
        ObjectNode body = EmbeddingsHandler.answer(new EmbeddingsRequest("text-embedding-local", List.of("ab", "abcd"),
                false), MODEL);

        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data")).hasSize(2);
        assertThat(body.path("data").get(1).path("object").asText()).isEqualTo("embedding");
        assertThat(body.path("data").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(body.path("data").get(1).path("embedding").get(0).floatValue()).isEqualTo(4f);
        assertThat(body.path("data").get(0).path("embedding").get(1).floatValue()).isEqualTo(0.5f);
    }

    @Test
    void theReplyNamesTheServedModelAndCountsEveryInputsTokens() {
        ObjectNode body = EmbeddingsHandler.answer(new EmbeddingsRequest("text-embedding-local", List.of("ab", "abcd"),
                false), MODEL);

        assertThat(body.path("model").asText()).isEqualTo("all-minilm-l6-v2");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(6);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(6);
    }

    @Test
    void base64VectorsAreLittleEndianFloats() {
        ObjectNode body = EmbeddingsHandler.answer(new EmbeddingsRequest("all-minilm-l6-v2", List.of("abc"), true),
                MODEL);

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(body.path("data").get(0).path("embedding")
                .asText())).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(8);
        assertThat(bytes.getFloat()).isEqualTo(3f);
        assertThat(bytes.getFloat()).isEqualTo(0.5f);
    }
}
