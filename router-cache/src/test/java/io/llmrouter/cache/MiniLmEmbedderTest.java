package io.llmrouter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {

    private static MiniLmEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = MiniLmEmbedder.load(ModelDirectory.path(), 2);
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
    void textsLongerThanTheTokenLimitAreTruncatedNotRejected() {
        String longText = "word ".repeat(1_000);
        assertThat(embedder.embed(longText)).hasSize(384);
    }

    @Test
    void anEmptyListGivesNoVectors() {
        assertThat(embedder.embedAll(List.of())).isEmpty();
    }
}
