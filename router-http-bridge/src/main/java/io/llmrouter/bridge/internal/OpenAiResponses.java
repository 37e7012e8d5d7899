package io.llmrouter.bridge.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes JSON bodies, OpenAI error objects and terminal replies. */
public final class OpenAiResponses {

    private OpenAiResponses() {
    }

    /** Writes a JSON body with the given status. */
    public static void json(HttpServerResponse response, int status, Object body) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(WireFormat.toBytes(body)));
    }

    /** Writes {@code {"error":{"message","type","param","code"}}} with the error's status. */
    public static void error(HttpServerResponse response, ErrorInfo error) {
        retryAfter(response, error);
        json(response, error.status(), errorBody(error));
    }

    /** Sets {@code Retry-After} in whole seconds, rounded up, when the error says when capacity returns. */
    public static void retryAfter(HttpServerResponse response, ErrorInfo error) {
        if (error.retryAfterMs() != null && !response.headWritten()) {
            response.putHeader("Retry-After", String.valueOf(Math.max(1, (error.retryAfterMs() + 999) / 1000)));
        }
    }

    /** OpenAI's error object: {@code {"error":{"message","type","param","code"}}}. */
    public static ObjectNode errorBody(ErrorInfo error) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        ObjectNode inner = body.putObject("error");
        inner.put("message", error.message());
        inner.put("type", error.type());
        inner.put("param", error.param());
        inner.put("code", error.code());
        return body;
    }

    /**
     * Writes a terminal reply as one JSON response: the completion or the error, with the router's headers.
     *
     * @param startedNanos when the call came in, by {@link System#nanoTime()}, to report the router's own overhead
     */
    public static void reply(HttpServerResponse response, String requestId, LlmReply reply, long startedNanos) {
        routerHeaders(response, requestId, reply, startedNanos);
        if (reply.isOk()) {
            json(response, 200, reply.response());
        } else {
            error(response, reply.error());
        }
    }

    /**
     * Sets {@code X-Request-Id} and what the reply tells of its route: provider, model, strategy, cost and the
     * router's overhead.
     */
    static void routerHeaders(HttpServerResponse response, String requestId, LlmReply reply, long startedNanos) {
        response.putHeader("X-Request-Id", requestId);
        if (reply.provider() != null) {
            response.putHeader("X-Router-Provider", reply.provider());
            response.putHeader("X-Router-Model", reply.model());
        }
        if (reply.cache() != null) {
            response.putHeader("X-Router-Cache", reply.cache().status().wireName());
            if (reply.cache().similarity() != null) {
                response.putHeader("X-Router-Cache-Similarity", String.format(java.util.Locale.ROOT, "%.4f",
                        reply.cache().similarity()));
            }
        }
        if (reply.costUsd() != null) {
            response.putHeader("X-Router-Cost", String.format(java.util.Locale.ROOT, "%.8f", reply.costUsd()));
        }
        if (reply.route() != null && reply.route().strategy() != null) {
            response.putHeader("X-Router-Strategy", reply.route().strategy());
        }
        if (reply.timings() != null) {
            long totalMs = (System.nanoTime() - startedNanos) / 1_000_000;
            response.putHeader("X-Router-Overhead-Ms", String.valueOf(Math.max(0, totalMs - reply.timings().upstreamMs())));
        }
    }
}
