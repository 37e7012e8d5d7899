package io.llmrouter.bridge.internal;

import java.util.List;

/** A local model that turns texts into vectors for {@code POST /v1/embeddings}; its calls block. */
public interface EmbeddingModel extends AutoCloseable {

    /** Length of every vector. */
    int dimensions();

    /** The vectors of the texts, in the order given. */
    List<float[]> embed(List<String> texts);

    /** Tokens the model reads of one text, for the reply's usage. */
    int tokens(String text);

    @Override
    void close();
}
