package io.llmrouter.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Coalesces {@link #embed} calls that arrive from several threads while the model is busy into one batch:
 * a single worker takes the oldest waiting text plus up to {@code maxBatch - 1} more and embeds them together.
 * A lone caller is served at once; batches only form when requests queue up.
 */
public final class BatchingEmbedder implements Embedder {

    private static final Request STOP = new Request(null, null);

    private final Embedder delegate;
    private final int maxBatch;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closed;

    /**
     * @param delegate the embedder that runs the batches; closed with this one
     * @param maxBatch the most texts one batch takes
     */
    public BatchingEmbedder(Embedder delegate, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.maxBatch = maxBatch;
        this.worker = new Thread(this::drain, "embedding-batcher");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        if (closed) {
            throw new IllegalStateException("embedder is closed");
        }
        Request request = new Request(text, new CompletableFuture<>());
        queue.add(request);
        try {
            return request.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an embedding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("embedding failed", e.getCause());
        }
    }

    /** A caller with several texts already has a batch; it goes straight to the delegate. */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        return delegate.embedAll(texts);
    }

    /** Texts waiting for the worker. */
    int waiting() {
        return queue.size();
    }

    private void drain() {
        List<Request> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                run(batch);
            }
            batch.clear();
            if (stop) {
                failWaiting();
                return;
            }
        }
    }

    private void run(List<Request> batch) {
        try {
            List<float[]> vectors = delegate.embedAll(batch.stream().map(Request::text).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(vectors.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(request -> request.result().completeExceptionally(e));
        }
    }

    private void failWaiting() {
        List<Request> left = new ArrayList<>();
        queue.drainTo(left);
        left.stream().filter(request -> request != STOP)
                .forEach(request -> request.result().completeExceptionally(new IllegalStateException("embedder closed")));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delegate.close();
    }

    private record Request(String text, CompletableFuture<float[]> result) {
    }
}
