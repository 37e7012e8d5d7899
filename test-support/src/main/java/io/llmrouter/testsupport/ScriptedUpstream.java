package io.llmrouter.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * An HTTP upstream for adapter tests that answers from a script: each call takes the next scripted
 * reply (or the default one), so a test can reproduce a provider's exact wire format and its faults:
 * error statuses with headers, streams in pieces, a stream that stalls, a reset connection, a hang.
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** One call as received: method, path with query, headers (case-insensitive) and body. */
    public record Call(String method, String path, Map<String, String> headers, String body) {
    }

    /** A scripted answer. */
    public sealed interface Reply permits Whole, Pieces, Reset, Hang {
    }

    /** A whole answer: status, headers and body. */
    public record Whole(int status, Map<String, String> headers, String body) implements Reply {
    }

    /**
     * A body sent in pieces with a pause between them; with {@code stallAfter} pieces sent the
     * connection stays open and silent, like an upstream that stalls mid-stream.
     */
    public record Pieces(int status, Map<String, String> headers, List<String> pieces, Duration gap, int stallAfter)
            implements Reply {
    }

    /** The connection is closed without an answer. */
    public record Reset() implements Reply {
    }

    /** The request is read and never answered. */
    public record Hang() implements Reply {
    }

    /** A JSON answer with status 200. */
    public static Reply json(String body) {
        return new Whole(200, Map.of("Content-Type", "application/json"), body);
    }

    /** A JSON error answer with extra headers, e.g. {@code retry-after}. */
    public static Reply error(int status, String body, Map<String, String> headers) {
        Map<String, String> all = new TreeMap<>(headers);
        all.put("Content-Type", "application/json");
        return new Whole(status, all, body);
    }

    /** A streamed 200 answer sent piece by piece. */
    public static Reply stream(String contentType, List<String> pieces) {
        return new Pieces(200, Map.of("Content-Type", contentType), pieces, Duration.ZERO, Integer.MAX_VALUE);
    }

    /** A streamed 200 answer that sends {@code sent} pieces and then goes silent. */
    public static Reply stallingStream(String contentType, List<String> pieces, int sent) {
        return new Pieces(200, Map.of("Content-Type", contentType), pieces, Duration.ZERO, sent);
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Reply fallback = new Whole(500, Map.of(), "{\"error\":{\"message\":\"nothing scripted\"}}");

    public ScriptedUpstream() {
        server = vertx.createHttpServer().requestHandler(this::answer);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("Cannot start the scripted upstream", e);
        }
    }

    /** The server root, e.g. {@code http://127.0.0.1:PORT}; append the provider's API path. */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Queues replies for the next calls, in order. */
    public ScriptedUpstream then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The reply for every call once the script is used up. */
    public ScriptedUpstream byDefault(Reply reply) {
        fallback = reply;
        return this;
    }

    /** Every call received so far. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The last call received. */
    public Call lastCall() {
        return calls.get(calls.size() - 1);
    }

    private void answer(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            calls.add(new Call(request.method().name(), request.uri(), headers, body.toString()));
            Reply reply = script.poll();
            play(request, reply == null ? fallback : reply);
        });
    }

    private void play(HttpServerRequest request, Reply reply) {
        HttpServerResponse response = request.response();
        if (reply instanceof Whole whole) {
            whole.headers().forEach(response::putHeader);
            response.setStatusCode(whole.status()).end(whole.body());
        } else if (reply instanceof Pieces pieces) {
            pieces.headers().forEach(response::putHeader);
            response.setStatusCode(pieces.status()).setChunked(true);
            sendPiece(response, pieces, 0);
        } else if (reply instanceof Reset) {
            request.connection().close();
        }
        // Hang: keep the request open, unanswered.
    }

    private void sendPiece(HttpServerResponse response, Pieces pieces, int index) {
        if (index >= pieces.stallAfter()) {
            return;
        }
        if (index >= pieces.pieces().size()) {
            response.end();
            return;
        }
        response.write(pieces.pieces().get(index));
        long gap = pieces.gap().toMillis();
        if (gap > 0) {
            vertx.setTimer(gap, id -> sendPiece(response, pieces, index + 1));
        } else {
            sendPiece(response, pieces, index + 1);
        }
    }

    @Override
    public void close() {
        vertx.close();
    }
}
