package io.llmrouter.cache;

import java.util.List;

/** Turns text into unit-length sentence embeddings; safe to call from several threads. */
public interface Embedder extends AutoCloseable {

    /** Length of every vector this embedder returns. */
    int dimensions();

    /** The embedding of one text, L2-normalised so that a dot product is the cosine. */
    default float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /** The embeddings of several texts in one batch, in the order given. */
    List<float[]> embedAll(List<String> texts);

    @Override
    void close();
}
