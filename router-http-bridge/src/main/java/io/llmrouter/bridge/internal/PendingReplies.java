package io.llmrouter.bridge.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;

/**
 * Callers waiting for their reply, by request id; bounded, so overload answers 503 instead of growing memory.
 *
 * <p>An entry is registered before its request is sent, or a fast reply could arrive first and be lost.
 */
public final class PendingReplies {

    private final Map<String, CompletableFuture<LlmReply>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    public PendingReplies(int capacity) {
        this.capacity = capacity;
    }

    /** Registers a caller; null when the bridge already waits for {@code capacity} replies. */
    public CompletableFuture<LlmReply> register(String requestId) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return null;
        }
        CompletableFuture<LlmReply> reply = new CompletableFuture<>();
        waiting.put(requestId, reply);
        return reply;
    }

    /** Hands a reply to its caller; false when nobody waits for it (timed out, or another instance's). */
    public boolean complete(LlmReply reply) {
        CompletableFuture<LlmReply> caller = remove(reply.requestId());
        return caller != null && caller.complete(reply);
    }

    /** Answers a caller with an error of the bridge's own, e.g. a timeout. */
    public void fail(String requestId, ErrorInfo error) {
        CompletableFuture<LlmReply> caller = remove(requestId);
        if (caller != null) {
            caller.complete(LlmReply.error(requestId, error, null, null));
        }
    }

    /** Forgets a caller that went away. */
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

    private CompletableFuture<LlmReply> remove(String requestId) {
        CompletableFuture<LlmReply> caller = waiting.remove(requestId);
        if (caller != null) {
            size.decrementAndGet();
        }
        return caller;
    }
}
