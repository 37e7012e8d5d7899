package io.llmrouter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorCodecTest {

    @Test
    void vectorSurvivesTheRoundTrip() {
        float[] vector = {0.25f, -1f, 3.5e-7f, Float.MIN_VALUE};
        assertThat(VectorCodec.decode(VectorCodec.encode(vector))).containsExactly(vector);
    }

    @Test
    void bytesThatAreNotWholeFloatsAreRejected() {
        assertThatThrownBy(() -> VectorCodec.decode("AAA=")).isInstanceOf(IllegalArgumentException.class);
    }
}
