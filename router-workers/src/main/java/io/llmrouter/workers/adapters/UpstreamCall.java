package io.llmrouter.workers.adapters;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.llmrouter.workers.AdapterContext;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;

/**
 * One HTTP exchange with an upstream, run entirely on one event loop.
 *
 * <p>A response whose body is read from another thread can end before its body handler is set,
 * and then reads as empty; keeping the exchange on one context rules that out.
 */
public final class UpstreamCall {

    /**
     * The head and, for buffered calls, the body of an upstream's answer.
     *
     * @param status  HTTP status
     * @param headers response headers
     * @param body    the whole body, or empty for streamed calls
     */
    public record Reply(int status, MultiMap headers, Buffer body) {
    }

    /** A started streamed exchange: its head, and a way to abandon it. */
    public interface Stream {
        /** Resets the connection, e.g. when the first token is late; the result then fails. */
        void cancel();
    }

    private final Context context;
    private final AdapterContext adapter;

    public UpstreamCall(AdapterContext adapter) {
        this.adapter = adapter;
        this.context = adapter.vertx().getOrCreateContext();
    }

    /** Sends the request and reads the whole body; completes exceptionally on I/O failure or timeout. */
    public CompletableFuture<Reply> send(RequestOptions options, Buffer body) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        context.runOnContext(ignored -> adapter.http().request(options).onComplete(created -> {
            if (created.failed()) {
                result.completeExceptionally(created.cause());
                return;
            }
            HttpClientRequest request = created.result();
            request.send(body).onComplete(sent -> {
                if (sent.failed()) {
                    result.completeExceptionally(sent.cause());
                    return;
                }
                HttpClientResponse response = sent.result();
                BodyWatchdog watchdog = new BodyWatchdog(request, result);
                response.body().onComplete(bytes -> {
                    watchdog.stop();
                    if (bytes.succeeded()) {
                        result.complete(new Reply(response.statusCode(), response.headers(), bytes.result()));
                    } else {
                        result.completeExceptionally(bytes.cause());
                    }
                });
            });
        }));
        return result;
    }

    /**
     * Sends the request and hands each piece of a successful (2xx) body to {@code onData} as it arrives;
     * an error status is read whole. Completes when the body ends, exceptionally on failure or when no
     * piece arrives within the provider's timeout.
     */
    public CompletableFuture<Reply> sendStreaming(RequestOptions options, Buffer body, Consumer<Buffer> onData,
                                                  Consumer<Stream> onStart) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        context.runOnContext(ignored -> adapter.http().request(options).onComplete(created -> {
            if (created.failed()) {
                result.completeExceptionally(created.cause());
                return;
            }
            HttpClientRequest request = created.result();
            onStart.accept(() -> {
                result.completeExceptionally(new TimeoutException("cancelled: no first token in time"));
                request.reset();
            });
            request.send(body).onComplete(sent -> {
                if (sent.failed()) {
                    result.completeExceptionally(sent.cause());
                    return;
                }
                relay(request, sent.result(), onData, result);
            });
        }));
        return result;
    }

    private void relay(HttpClientRequest request, HttpClientResponse response, Consumer<Buffer> onData,
                       CompletableFuture<Reply> result) {
        BodyWatchdog watchdog = new BodyWatchdog(request, result);
        if (response.statusCode() / 100 != 2) {
            response.body().onComplete(bytes -> {
                watchdog.stop();
                result.complete(new Reply(response.statusCode(), response.headers(),
                        bytes.succeeded() ? bytes.result() : Buffer.buffer()));
            });
            return;
        }
        response.handler(piece -> {
            watchdog.restart();
            try {
                onData.accept(piece);
            } catch (RuntimeException e) {
                watchdog.stop();
                result.completeExceptionally(e);
                request.reset();
            }
        });
        response.exceptionHandler(error -> {
            watchdog.stop();
            result.completeExceptionally(error);
        });
        response.endHandler(end -> {
            watchdog.stop();
            result.complete(new Reply(response.statusCode(), response.headers(), Buffer.buffer()));
        });
    }

    /**
     * Fails the call when the body goes silent for the provider's timeout. Vert.x stops its own idle
     * timeout once the response head arrives, so a stream that stalls mid-body would otherwise hang.
     */
    private final class BodyWatchdog {
        private final HttpClientRequest request;
        private final CompletableFuture<Reply> result;
        private long timer;

        BodyWatchdog(HttpClientRequest request, CompletableFuture<Reply> result) {
            this.request = request;
            this.result = result;
            restart();
        }

        void restart() {
            stop();
            long timeoutMs = adapter.provider().timeoutMs();
            timer = adapter.vertx().setTimer(timeoutMs, id -> {
                result.completeExceptionally(new TimeoutException("no data for " + timeoutMs + " ms"));
                request.reset();
            });
        }

        void stop() {
            adapter.vertx().cancelTimer(timer);
        }
    }
}
