package io.llmrouter.bridge.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes JSON bodies and OpenAI error objects. */
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
        ObjectNode body = WireFormat.mapper().createObjectNode();
        ObjectNode inner = body.putObject("error");
        inner.put("message", error.message());
        inner.put("type", error.type());
        inner.put("param", error.param());
        inner.put("code", error.code());
        json(response, error.status(), body);
    }
}
