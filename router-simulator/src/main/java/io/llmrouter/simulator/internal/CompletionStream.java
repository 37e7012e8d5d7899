package io.llmrouter.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Sends an answer as OpenAI streams it: server-sent {@code chat.completion.chunk} events, then {@code [DONE]}. */
public final class CompletionStream {

    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream; charset=utf-8");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private CompletionStream() {
    }

    /** Streams {@code answer}: a role chunk, the content pieces, a finish chunk, the usage chunk if asked, [DONE]. */
    public static void send(HttpServerResponse response, ChatRequest request, DeterministicAnswer answer) {
        if (response.closed() || response.ended()) {
            return;
        }
        boolean includeUsage = request.includeUsage();
        CompletionJson json = new CompletionJson(request.model());
        startStream(response);
        // Each event is its own write, so a client sees the chunks arrive one by one as from a real model.
        response.write(event(json.roleChunk(includeUsage)));
        for (String piece : answer.pieces()) {
            response.write(event(json.contentChunk(piece, includeUsage)));
        }
        response.write(event(json.finishChunk(answer.finishReason(), includeUsage)));
        if (includeUsage) {
            response.write(event(json.usageChunk(answer.usage())));
        }
        response.end(Buffer.buffer(DONE));
    }

    /**
     * Starts streaming {@code answer} as {@link #send} does, but stops after the role chunk and the first content
     * piece and leaves the response open, like an upstream that stalls mid-stream.
     */
    public static void stall(HttpServerResponse response, ChatRequest request, DeterministicAnswer answer) {
        if (response.closed() || response.ended()) {
            return;
        }
        boolean includeUsage = request.includeUsage();
        CompletionJson json = new CompletionJson(request.model());
        startStream(response);
        response.write(event(json.roleChunk(includeUsage)));
        List<String> pieces = answer.pieces();
        if (!pieces.isEmpty()) {
            response.write(event(json.contentChunk(pieces.get(0), includeUsage)));
        }
    }

    private static void startStream(HttpServerResponse response) {
        HttpReplies.commonHeaders(response.setStatusCode(200).setChunked(true).headers())
                .set(HttpHeaders.CONTENT_TYPE, EVENT_STREAM)
                .set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
    }

    private static Buffer event(byte[] json) {
        return Buffer.buffer(DATA.length + json.length + EVENT_END.length)
                .appendBytes(DATA)
                .appendBytes(json)
                .appendBytes(EVENT_END);
    }
}
