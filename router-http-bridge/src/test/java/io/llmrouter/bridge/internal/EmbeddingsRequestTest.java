package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.llmrouter.bridge.internal.ChatRequestCheck.InvalidRequest;
import io.llmrouter.schemas.ErrorInfo;
import org.junit.jupiter.api.Test;

class EmbeddingsRequestTest {

    private static EmbeddingsRequest parse(String json) {
        return EmbeddingsRequest.parse(json.getBytes(StandardCharsets.UTF_8), 384);
    }

    private static ErrorInfo refusal(String json) {
        try {
            parse(json);
        } catch (InvalidRequest e) {
            return e.error();
        }
        throw new AssertionError("accepted " + json);
    }

    @Test
    void aSingleStringIsOneInput() {
        EmbeddingsRequest request = parse("{\"model\":\"all-minilm-l6-v2\",\"input\":\"hello\"}");

        assertThat(request.inputs()).containsExactly("hello");
        assertThat(request.base64()).isFalse();
    }

    @Test
    void anArrayOfStringsKeepsItsOrder() {
        assertThat(parse("{\"model\":\"text-embedding-local\",\"input\":[\"b\",\"a\"]}").inputs())
                .containsExactly("b", "a");
    }

    @Test
    void base64EncodingIsHonoured() {
        assertThat(parse("{\"model\":\"all-minilm-l6-v2\",\"input\":\"x\",\"encoding_format\":\"base64\"}").base64())
                .isTrue();
    }

    @Test
    void theModelsOwnDimensionCountIsAccepted() {
        assertThat(parse("{\"model\":\"all-minilm-l6-v2\",\"input\":\"x\",\"dimensions\":384}").inputs()).hasSize(1);
    }

    @Test
    void anyOtherDimensionCountIsRefused() {
        ErrorInfo error = refusal("{\"model\":\"all-minilm-l6-v2\",\"input\":\"x\",\"dimensions\":256}");

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.param()).isEqualTo("dimensions");
    }

    @Test
    void tokenArraysAreRefusedNamingInput() {
        ErrorInfo error = refusal("{\"model\":\"all-minilm-l6-v2\",\"input\":[1,2,3]}");

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.param()).isEqualTo("input");
        assertThat(error.message()).contains("token ids");
    }

    @Test
    void arraysOfTokenArraysAreRefusedNamingInput() {
        assertThat(refusal("{\"model\":\"all-minilm-l6-v2\",\"input\":[[1,2],[3]]}").param()).isEqualTo("input");
    }

    @Test
    void emptyOrMissingInputIsRefused() {
        assertThat(refusal("{\"model\":\"all-minilm-l6-v2\",\"input\":[]}").param()).isEqualTo("input");
        assertThat(refusal("{\"model\":\"all-minilm-l6-v2\",\"input\":\"\"}").param()).isEqualTo("input");
        assertThat(refusal("{\"model\":\"all-minilm-l6-v2\"}").param()).isEqualTo("input");
    }

    @Test
    void anUnknownModelIsNotFound() {
        ErrorInfo error = refusal("{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}");

        assertThat(error.status()).isEqualTo(404);
        assertThat(error.code()).isEqualTo("model_not_found");
        assertThat(error.message()).contains("text-embedding-3-small");
    }

    @Test
    void anUnknownEncodingIsRefused() {
        assertThat(refusal("{\"model\":\"all-minilm-l6-v2\",\"input\":\"x\",\"encoding_format\":\"int8\"}").param())
                .isEqualTo("encoding_format");
    }

    @Test
    void malformedJsonIsRefused() {
        assertThatThrownBy(() -> parse("{")).isInstanceOf(InvalidRequest.class);
    }
}
