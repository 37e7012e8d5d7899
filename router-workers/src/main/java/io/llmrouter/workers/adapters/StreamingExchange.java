package io.llmrouter.workers.adapters;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.workers.AdapterContext;
import io.llmrouter.workers.ChunkSink;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.RequestOptions;

/**
 * Runs one streamed upstream call for any adapter: relays decoded chunks to the sink, puts the answer
 * together, and enforces the time to first token.
 *
 * <p>Before the first chunk reaches the sink a failure is an ordinary one, so the request may fail
 * over; after it, the stream can only end with an error ({@link Failure#STREAM_BROKEN}), never with
 * another provider's text spliced in.
 */
public final class StreamingExchange {

    /** Default for the {@code first-token-timeout-ms} provider option. */
    public static final long DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 15_000;

    private final AdapterContext context;
    private final UpstreamCall call;

    public StreamingExchange(AdapterContext context, UpstreamCall call) {
        this.context = context;
        this.call = call;
    }

    /** Streams one request; {@code errorMessage} reads a provider's error body for the error reply. */
    public CompletableFuture<UpstreamResult> run(RequestOptions options, Buffer body, ChunkDecoder decoder, ChunkSink sink,
                                                 java.util.function.Function<Buffer, String> errorMessage) {
        long started = context.clock().millis();
        long firstTokenTimeout = Long.parseLong(context.option("first-token-timeout-ms",
                String.valueOf(DEFAULT_FIRST_TOKEN_TIMEOUT_MS)));
        StreamAssembler assembler = new StreamAssembler();
        long[] timer = {-1};
        CompletableFuture<UpstreamCall.Reply> exchange = call.sendStreaming(options, body, piece -> {
            for (ObjectNode chunk : decoder.decode(piece)) {
                if (assembler.chunks() == 0) {
                    context.vertx().cancelTimer(timer[0]);
                }
                assembler.add(chunk);
                sink.chunk(chunk);
            }
        }, stream -> {
            timer[0] = context.vertx().setTimer(firstTokenTimeout, id -> {
                if (assembler.chunks() == 0) {
                    stream.cancel();
                }
            });
        });
        return exchange.handle((reply, failure) -> {
            context.vertx().cancelTimer(timer[0]);
            long latency = context.clock().millis() - started;
            UpstreamResult result = outcome(reply, failure, assembler, errorMessage, latency, firstTokenTimeout);
            if (!result.isSuccess() && assembler.chunks() > 0) {
                return UpstreamResult.failure(Failure.STREAM_BROKEN, new ErrorInfo(502, "upstream_error", "stream_broken",
                        context.providerId() + " broke off the stream: " + result.error().message(), null),
                        null, latency);
            }
            return result;
        });
    }

    private UpstreamResult outcome(UpstreamCall.Reply reply, Throwable failure, StreamAssembler assembler,
                                   java.util.function.Function<Buffer, String> errorMessage, long latency,
                                   long firstTokenTimeout) {
        String provider = context.providerId();
        if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof ChunkDecoder.StreamFailure streamFailure) {
                return UpstreamErrors.fromStatus(provider, streamFailure.status(), streamFailure.getMessage(), null,
                        context.provider().apiKey(), latency);
            }
            if (assembler.chunks() == 0 && cause instanceof java.util.concurrent.TimeoutException) {
                return UpstreamResult.failure(Failure.TIMEOUT, ErrorInfo.timeout(provider
                        + " sent no token within " + firstTokenTimeout + " ms"), null, latency);
            }
            return UpstreamErrors.fromThrowable(provider, cause, context.provider().timeoutMs(), latency);
        }
        if (reply.status() / 100 != 2) {
            return UpstreamErrors.fromStatus(provider, reply.status(), errorMessage.apply(reply.body()), reply.headers(),
                    context.provider().apiKey(), latency);
        }
        if (assembler.chunks() == 0) {
            return UpstreamErrors.malformed(provider, "an empty stream", "", latency);
        }
        return UpstreamResult.success(assembler.completion(), latency);
    }
}
