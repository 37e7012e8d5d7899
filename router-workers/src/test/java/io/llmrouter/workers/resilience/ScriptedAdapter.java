package io.llmrouter.workers.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.RequestRecords;
import io.llmrouter.workers.ChunkSink;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;

/**
 * A provider adapter that answers from a script, one step per call, and counts its calls. Once the
 * script is used up every call gets the last answer again (a success when nothing was scripted).
 */
final class ScriptedAdapter implements ProviderAdapter {

    /** One scripted answer; it may send chunks to the sink of a streamed call first. */
    @FunctionalInterface
    interface Step {
        CompletableFuture<UpstreamResult> answer(ChunkSink sink);
    }

    private final Queue<Step> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<CompletableFuture<UpstreamResult>> hanging = new CopyOnWriteArrayList<>();
    private volatile Step last = sink -> CompletableFuture.completedFuture(ok());

    /** The request a test sends: routed to provider {@code p}, model {@code model}. */
    static LlmRequest request(String model) {
        return RequestRecords.chat(Priority.NORMAL, "llm.replies.test", model, "hello")
                .routedTo(new RouteDecision("p", model, "test", List.of()));
    }

    static UpstreamResult ok() {
        ObjectNode completion = WireFormat.mapper().createObjectNode().put("object", "chat.completion");
        return UpstreamResult.success(completion, 10);
    }

    static UpstreamResult failed(Failure kind) {
        return failed(kind, null);
    }

    static UpstreamResult failed(Failure kind, Duration retryAfter) {
        return UpstreamResult.failure(kind, ErrorInfo.upstream("upstream said " + kind), retryAfter, 10);
    }

    static ObjectNode chunk(String text) {
        ObjectNode chunk = WireFormat.mapper().createObjectNode().put("object", "chat.completion.chunk");
        chunk.putArray("choices").addObject().putObject("delta").put("content", text);
        return chunk;
    }

    /** The next calls get these results, in order. */
    ScriptedAdapter answers(UpstreamResult... results) {
        for (UpstreamResult result : results) {
            then(sink -> CompletableFuture.completedFuture(result));
        }
        return this;
    }

    /** The next {@code times} calls fail with this kind. */
    ScriptedAdapter fails(Failure kind, int times) {
        for (int i = 0; i < times; i++) {
            answers(failed(kind));
        }
        return this;
    }

    /** The next call sends one chunk to the caller's sink, then ends with the result. */
    ScriptedAdapter streamsAChunkThen(UpstreamResult result) {
        return then(sink -> {
            sink.chunk(chunk("Hel"));
            return CompletableFuture.completedFuture(result);
        });
    }

    /** The next {@code times} calls stay under way until the test completes them (see {@link #hanging()}). */
    ScriptedAdapter hangs(int times) {
        for (int i = 0; i < times; i++) {
            then(sink -> {
                CompletableFuture<UpstreamResult> pending = new CompletableFuture<>();
                hanging.add(pending);
                return pending;
            });
        }
        return this;
    }

    ScriptedAdapter then(Step step) {
        script.add(step);
        return this;
    }

    /** Upstream calls made so far. */
    int calls() {
        return calls.get();
    }

    /** The calls still under way that {@link #hangs(int)} scripted, in call order. */
    List<CompletableFuture<UpstreamResult>> hanging() {
        return hanging;
    }

    @Override
    public CompletableFuture<UpstreamResult> complete(LlmRequest request) {
        return stream(request, chunk -> {
            throw new AssertionError("a call that is not streamed received a chunk");
        });
    }

    @Override
    public CompletableFuture<UpstreamResult> stream(LlmRequest request, ChunkSink sink) {
        calls.incrementAndGet();
        Step step = script.poll();
        if (step == null) {
            step = last;
        } else {
            last = step;
        }
        return step.answer(sink);
    }
}
