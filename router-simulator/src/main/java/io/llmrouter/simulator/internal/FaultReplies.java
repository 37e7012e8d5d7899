package io.llmrouter.simulator.internal;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.Http2Error;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

/** Sends the faults that are not OpenAI error objects: an Anthropic overload, a non-JSON page, a reset connection. */
final class FaultReplies {

    /** The status Anthropic answers when it is overloaded; it is in no HTTP standard. */
    static final int OVERLOADED = 529;

    private static final CharSequence HTML = HttpHeaders.createOptimized("text/html; charset=utf-8");
    // What a reverse proxy in front of a provider sends when the provider is down, with a 200 from a misconfigured
    // one: a client expecting JSON must cope with it.
    private static final byte[] BAD_GATEWAY_PAGE = ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
            + "<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>llm-router-simulator</center>\r\n"
            + "</body>\r\n</html>\r\n").getBytes(StandardCharsets.US_ASCII);

    private FaultReplies() {
    }

    /** Answers 529 with Anthropic's overloaded body, whose {@code error.message} an OpenAI reader also finds. */
    static void overloaded(HttpServerResponse response) {
        ObjectNode error = Json.object();
        error.put("type", "overloaded_error");
        error.put("message", "Overloaded");
        ObjectNode body = Json.object();
        body.put("type", "error");
        body.set("error", error);
        if (!response.closed() && !response.ended()) {
            response.setStatusMessage("Overloaded");
        }
        HttpReplies.json(response, OVERLOADED, Json.bytes(body));
    }

    /** Answers 200 with an HTML error page where the JSON completion should be. */
    static void malformed(HttpServerResponse response) {
        if (response.closed() || response.ended()) {
            return;
        }
        HttpReplies.commonHeaders(response.setStatusCode(200).headers()).set(HttpHeaders.CONTENT_TYPE, HTML);
        response.end(Buffer.buffer(BAD_GATEWAY_PAGE));
    }

    /**
     * Drops the request without an answer: HTTP/2 resets just its stream, HTTP/1 closes the connection with a TCP
     * reset, so the client sees "connection reset" rather than a clean end of stream.
     */
    static void reset(HttpServerRequest request) {
        if (request.response().closed() || request.response().ended()) {
            return;
        }
        if (request.version() == HttpVersion.HTTP_2) {
            // The default code, NO_ERROR, reads as a clean close; a crashed upstream's stream ends in an error.
            request.response().reset(Http2Error.INTERNAL_ERROR.code());
            return;
        }
        HttpConnection connection = request.connection();
        // Vert.x has no public way to abort one connection; without linger its close would send a polite FIN.
        if (connection instanceof ConnectionBase base) {
            base.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        }
        connection.close();
    }
}
