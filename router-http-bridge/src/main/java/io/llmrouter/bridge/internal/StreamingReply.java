package io.llmrouter.bridge.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.StreamChunk;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of one streamed answer: its chunks as server-sent events in the caller's {@link StreamFormat},
 * then the format's end or an error.
 *
 * <p>Chunks and the terminal reply arrive on the reply listener's thread and are handed to the request's Vert.x
 * context, which does every write, so the response is only ever touched by one thread and in arrival order.
 * Until the first event is written the caller waits up to the request timeout; after it, the same time between
 * events. An error before the first event is answered as a plain error with its HTTP status.
 */
public final class StreamingReply {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingReply.class);

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final String requestId;
    private final StreamFormat format;
    private final PendingReplies pending;
    private final long timeoutMs;
    private final long startedNanos;
    private final ObservedCall call;
    private final ChunkSequence sequence = new ChunkSequence();

    // Touched on the request's context only.
    private boolean started;
    private boolean finished;
    private long timer = -1;

    /** Create on the request's context: that context does every write. */
    public StreamingReply(Vertx vertx, HttpServerResponse response, String requestId, StreamFormat format,
                          PendingReplies pending, long timeoutMs, long startedNanos, ObservedCall call) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.response = response;
        this.requestId = requestId;
        this.format = format;
        this.pending = pending;
        this.timeoutMs = timeoutMs;
        this.startedNanos = startedNanos;
        this.call = call;
    }

    /**
     * Waits for the request's chunks and reply, arms the timeout and lets the caller hang up;
     * false when the bridge already waits for as many replies as it may.
     */
    public boolean register() {
        CompletableFuture<LlmReply> reply = pending.registerStream(requestId, this::accept);
        if (reply == null) {
            return false;
        }
        arm("No reply within " + timeoutMs + " ms");
        response.closeHandler(closed -> hangUp());
        reply.whenComplete((answer, error) -> context.runOnContext(v -> finish(answer)));
        return true;
    }

    private void accept(StreamChunk chunk) {
        context.runOnContext(v -> write(chunk));
    }

    private void write(StreamChunk chunk) {
        if (finished) {
            return;
        }
        if (response.closed()) {
            hangUp();
            return;
        }
        int expected = sequence.expected();
        if (!sequence.admit(chunk.sequence())) {
            LOG.debug("Dropping chunk {} of {}: the stream is already at {}", chunk.sequence(), requestId, expected);
            return;
        }
        if (chunk.sequence() > expected) {
            LOG.warn("Chunks {} to {} of {} never arrived", expected, chunk.sequence() - 1, requestId);
        }
        List<String> events = format.chunk(chunk.chunk());
        if (!events.isEmpty()) {
            if (CompletionChunk.carriesOutput(chunk.chunk())) {
                call.firstToken();
            }
            send(events);
            arm("No stream chunk within " + timeoutMs + " ms");
        }
    }

    private void finish(LlmReply reply) {
        if (finished) {
            return;
        }
        finished = true;
        vertx.cancelTimer(timer);
        if (response.closed() || response.ended()) {
            call.abandoned();
            return;
        }
        if (reply.isOk() && !started) {
            // The whole answer came before any event: it counts as the first token, and its route goes in the headers.
            call.firstToken();
        }
        call.answered(reply);
        if (reply.isOk()) {
            complete(reply);
        } else if (started) {
            response.end(format.failure(reply.error()));
        } else {
            format.plain(response, requestId, reply, startedNanos);
        }
    }

    private void complete(LlmReply reply) {
        if (!started) {
            OpenAiResponses.routerHeaders(response, requestId, reply, startedNanos);
        }
        send(format.end(reply.response()));
        response.end();
    }

    private void send(List<String> events) {
        openIfNeeded();
        events.forEach(response::write);
    }

    private void openIfNeeded() {
        if (!started) {
            started = true;
            response.putHeader("X-Request-Id", requestId);
            ServerSentEvents.open(response);
        }
    }

    private void arm(String message) {
        vertx.cancelTimer(timer);
        timer = vertx.setTimer(timeoutMs, id -> pending.fail(requestId, ErrorInfo.timeout(message)));
    }

    private void hangUp() {
        if (!finished) {
            finished = true;
            vertx.cancelTimer(timer);
            pending.cancel(requestId);
            call.abandoned();
            LOG.debug("Caller of {} hung up; its stream is dropped", requestId);
        }
    }
}
