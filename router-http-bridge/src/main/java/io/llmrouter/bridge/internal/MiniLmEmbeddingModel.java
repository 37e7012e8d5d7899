package io.llmrouter.bridge.internal;

import java.nio.file.Path;
import java.util.List;

import io.llmrouter.cache.BatchingEmbedder;
import io.llmrouter.cache.MiniLmEmbedder;
import io.llmrouter.cache.SharedMiniLm;

/**
 * all-MiniLM-L6-v2 for the embeddings endpoint, loaded on the first call rather than at start: a bridge whose
 * callers never ask for embeddings keeps the model's memory and start-up time. The model is the process's shared
 * one, so in standalone mode the semantic cache and this endpoint load it once.
 */
public final class MiniLmEmbeddingModel implements EmbeddingModel {

    private final Path workDirectory;
    private volatile Loaded loaded;
    private boolean closed;

    /** @param workDirectory where the model files are unpacked, shared with every other MiniLM user on the host */
    public MiniLmEmbeddingModel(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    @Override
    public int dimensions() {
        return MiniLmEmbedder.DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        Loaded model = model();
        // Single texts from concurrent callers are coalesced into one model call; a list is a batch already.
        return texts.size() == 1 ? List.of(model.batching().embed(texts.get(0))) : model.batching().embedAll(texts);
    }

    @Override
    public int tokens(String text) {
        return model().miniLm().tokenCount(text);
    }

    private Loaded model() {
        Loaded current = loaded;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the embedding model is closed");
            }
            if (loaded == null) {
                SharedMiniLm.Lease miniLm = SharedMiniLm.acquire(workDirectory);
                loaded = new Loaded(miniLm, new BatchingEmbedder(miniLm, MiniLmEmbedder.MAX_BATCH));
            }
            return loaded;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (loaded != null) {
            loaded.batching().close();
            loaded = null;
        }
    }

    private record Loaded(SharedMiniLm.Lease miniLm, BatchingEmbedder batching) {
    }
}
