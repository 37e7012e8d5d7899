package io.llmrouter.simulator.internal;

import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Sends JSON and error answers with the headers every simulator answer carries. */
public final class HttpReplies {

    /** The {@code server} header value, which marks every answer as simulated. */
    public static final String SERVER_NAME = "llm-router-simulator";

    private static final CharSequence SERVER = HttpHeaders.createOptimized("server");
    private static final CharSequence SERVER_VALUE = HttpHeaders.createOptimized(SERVER_NAME);
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("retry-after");

    private HttpReplies() {
    }

    /** Answers {@code status} with a JSON body, unless the client has gone or an answer was already sent. */
    public static void json(HttpServerResponse response, int status, byte[] body) {
        if (response.closed() || response.ended()) {
            return;
        }
        commonHeaders(response.setStatusCode(status).headers()).set(HttpHeaders.CONTENT_TYPE, JSON);
        response.end(Buffer.buffer(body));
    }

    /** Answers with {@code error} as an OpenAI error object. */
    public static void error(HttpServerResponse response, OpenAiError error) {
        if (response.closed() || response.ended()) {
            return;
        }
        if (error.retryAfterSeconds() > 0) {
            String seconds = Integer.toString(error.retryAfterSeconds());
            response.headers()
                    .set(RETRY_AFTER, seconds)
                    .set("x-ratelimit-remaining-requests", "0")
                    .set("x-ratelimit-reset-requests", seconds + "s");
        }
        json(response, error.status(), error.toJson());
    }

    /** Adds the headers every answer carries, streamed ones included. */
    static MultiMap commonHeaders(MultiMap headers) {
        return headers
                .set(SERVER, SERVER_VALUE)
                .set(REQUEST_ID, "req_sim_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
    }
}
