package io.llmrouter.bridge.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.StreamChunk;

/**
 * Callers waiting for their reply, by request id; bounded, so overload answers 503 instead of growing memory.
 *
 * <p>An entry is registered before its request is sent, or a fast reply could arrive first and be lost.
 * A streaming caller also takes the request's chunks until its terminal reply arrives.
 */
public final class PendingReplies {

    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    public PendingReplies(int capacity) {
        this.capacity = capacity;
    }

    /** Registers a caller; null when the bridge already waits for {@code capacity} replies. */
    public CompletableFuture<LlmReply> register(String requestId) {
        return add(requestId, null);
    }

    /**
     * Registers a streaming caller whose chunks go to {@code chunks}, on the thread that reads replies;
     * null when the bridge already waits for {@code capacity} replies.
     */
    public CompletableFuture<LlmReply> registerStream(String requestId, Consumer<StreamChunk> chunks) {
        return add(requestId, chunks);
    }

    /** Hands a chunk to its stream; false when no stream waits for it (timed out, gone, or another instance's). */
    public boolean deliver(StreamChunk chunk) {
        Waiter waiter = waiting.get(chunk.requestId());
        if (waiter == null || waiter.chunks() == null) {
            return false;
        }
        waiter.chunks().accept(chunk);
        return true;
    }

    /** Hands a reply to its caller; false when nobody waits for it (timed out, or another instance's). */
    public boolean complete(LlmReply reply) {
        Waiter caller = remove(reply.requestId());
        return caller != null && caller.reply().complete(reply);
    }

    /** Answers a caller with an error of the bridge's own, e.g. a timeout. */
    public void fail(String requestId, ErrorInfo error) {
        Waiter caller = remove(requestId);
        if (caller != null) {
            caller.reply().complete(LlmReply.error(requestId, error, null, null));
        }
    }

    /** Forgets a caller that went away; its chunks and reply are dropped from now on. */
    public void cancel(String requestId) {
        remove(requestId);
    }

    /** Answers every waiting caller with the error, e.g. at shutdown. */
    public void failAll(ErrorInfo error) {
        waiting.keySet().forEach(id -> fail(id, error));
    }

    /** Callers waiting now. */
    public int size() {
        return size.get();
    }

    private CompletableFuture<LlmReply> add(String requestId, Consumer<StreamChunk> chunks) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return null;
        }
        Waiter waiter = new Waiter(new CompletableFuture<>(), chunks);
        waiting.put(requestId, waiter);
        return waiter.reply();
    }

    private Waiter remove(String requestId) {
        Waiter caller = waiting.remove(requestId);
        if (caller != null) {
            size.decrementAndGet();
        }
        return caller;
    }

    /** One caller: the terminal reply it waits for, and where its chunks go; {@code chunks} is null unless streaming. */
    private record Waiter(CompletableFuture<LlmReply> reply, Consumer<StreamChunk> chunks) {
    }
}
