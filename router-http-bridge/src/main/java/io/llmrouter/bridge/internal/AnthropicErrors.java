package io.llmrouter.bridge.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.WireFormat;

/**
 * The router's errors in Anthropic's shape: {@code {"type":"error","error":{"type","message"},"request_id"}}.
 *
 * <p>The error type follows the HTTP status as Anthropic documents it. A 503 (no provider on, or the router
 * overloaded) becomes Anthropic's 529 {@code overloaded_error}, which its clients retry; every other status is kept.
 */
public final class AnthropicErrors {

    /** Anthropic's status for an overloaded service. */
    public static final int OVERLOADED = 529;

    private AnthropicErrors() {
    }

    /** The HTTP status to answer {@code error} with. */
    public static int status(ErrorInfo error) {
        return error.status() == 503 ? OVERLOADED : error.status();
    }

    /** Anthropic's error type for an HTTP status. */
    public static String type(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, OVERLOADED -> "overloaded_error";
            default -> status >= 400 && status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    /** The error body; {@code requestId} may be null when the request never got one. */
    public static ObjectNode body(ErrorInfo error, String requestId) {
        ObjectNode body = WireFormat.mapper().createObjectNode().put("type", "error");
        body.putObject("error").put("type", type(status(error))).put("message", error.message());
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        return body;
    }
}
