package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkSequenceTest {

    private final ChunkSequence sequence = new ChunkSequence();

    @Test
    void chunksInOrderAreAllWritten() {
        assertThat(sequence.admit(0)).isTrue();
        assertThat(sequence.admit(1)).isTrue();
        assertThat(sequence.admit(2)).isTrue();
        assertThat(sequence.expected()).isEqualTo(3);
    }

    @Test
    void aDuplicateIsDropped() {
        sequence.admit(0);
        sequence.admit(1);

        assertThat(sequence.admit(1)).isFalse();
        assertThat(sequence.expected()).isEqualTo(2);
    }

    @Test
    void aChunkBehindTheStreamIsDropped() {
        sequence.admit(0);
        sequence.admit(1);
        sequence.admit(2);

        assertThat(sequence.admit(0)).isFalse();
    }

    @Test
    void aChunkAheadIsWrittenAndTheOnesItSkippedAreThenTooLate() {
        sequence.admit(0);

        assertThat(sequence.admit(3)).isTrue();
        assertThat(sequence.admit(1)).isFalse();
        assertThat(sequence.admit(4)).isTrue();
    }
}
