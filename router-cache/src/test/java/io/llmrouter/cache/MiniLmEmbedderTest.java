package io.llmrouter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {

    private static MiniLmEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = MiniLmEmbedder.load(ModelDirectory.path(), 2, 1);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void vectorsHave384Dimensions() {
        assertThat(embedder.dimensions()).isEqualTo(384);
        assertThat(embedder.embed("How do I reset my password?")).hasSize(384);
    }

    @Test
    void vectorsHaveUnitLength() {
        float[] vector = embedder.embed("What is the capital of France?");
        assertThat(Vectors.dot(vector, vector)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        float[] question = embedder.embed("How do I reset my password?");
        float[] paraphrase = embedder.embed("What are the steps to change my forgotten password?");
        float[] unrelated = embedder.embed("The weather in Lisbon is warm in July.");
        assertThat(Vectors.dot(question, paraphrase)).isGreaterThan(Vectors.dot(question, unrelated) + 0.3);
    }

    @Test
    void matchesTheReferenceModelOnAKnownPair() {
        // sentence-transformers reports 0.7553 for this pair with all-MiniLM-L6-v2.
        double cosine = Vectors.dot(embedder.embed("A man is eating food."),
                embedder.embed("A man is eating a piece of bread."));
        assertThat(cosine).isCloseTo(0.7553, within(0.005));
    }

    @Test
    void batchResultsEqualSingleResults() {
        List<String> texts = List.of(
                "Short.",
                "A much longer sentence that makes the batch pad every other text to its length in tokens.",
                "How many moons does Jupiter have?");
        List<float[]> batch = embedder.embedAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batch.get(i)).containsExactly(embedder.embed(texts.get(i)), within(1e-4f));
        }
    }

    @Test
    void concurrentCallersThroughTheBatcherGetTheirOwnVectors() throws Exception {
        List<String> texts = List.of("How do I bake bread?", "What is the boiling point of water?",
                "Who wrote Hamlet?", "How far is the Moon?", "Best way to learn Java", "Is coffee bad for you?",
                "Translate hello into French", "Why is the sky blue?");
        List<float[]> expected = embedder.embedAll(texts);
        ExecutorService callers = Executors.newFixedThreadPool(texts.size());
        try (BatchingEmbedder batching = new BatchingEmbedder(new Unclosed(embedder), 8)) {
            List<Future<float[]>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String text : texts) {
                    results.add(callers.submit(() -> batching.embed(text)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).containsExactly(expected.get(i % texts.size()), within(1e-4f));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void textsLongerThanTheTokenLimitAreTruncatedNotRejected() {
        String longText = "word ".repeat(1_000);
        assertThat(embedder.embed(longText)).hasSize(384);
    }

    @Test
    void anEmptyListGivesNoVectors() {
        assertThat(embedder.embedAll(List.of())).isEmpty();
    }

    /** Shares the class's embedder with a batcher without letting the batcher close it. */
    private record Unclosed(Embedder delegate) implements Embedder {
        @Override
        public int dimensions() {
            return delegate.dimensions();
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return delegate.embedAll(texts);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void tokenCountIsTheWordPiecesWithTheStartAndEndMarkers() {
        assertThat(embedder.tokenCount("hello world")).isEqualTo(4);
    }

    @Test
    void tokenCountStopsWhereTheModelStopsReading() {
        assertThat(embedder.tokenCount("word ".repeat(1000))).isEqualTo(MiniLmEmbedder.MAX_TOKENS);
    }
}
