package io.llmrouter.bridge.internal;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.vertx.core.http.HttpServerResponse;

/** Writes Anthropic {@code message} bodies and errors, with the router's headers and Anthropic's {@code request-id}. */
public final class AnthropicResponses {

    /** The header Anthropic names each request by. */
    public static final String REQUEST_ID_HEADER = "request-id";

    private AnthropicResponses() {
    }

    /** Writes an error in Anthropic's shape with its status. */
    public static void error(HttpServerResponse response, String requestId, ErrorInfo error) {
        if (requestId != null) {
            response.putHeader(REQUEST_ID_HEADER, requestId);
        }
        OpenAiResponses.retryAfter(response, error);
        OpenAiResponses.json(response, AnthropicErrors.status(error), AnthropicErrors.body(error, requestId));
    }

    /** Writes a terminal reply as one JSON response: the completion as a {@code message}, or the error. */
    public static void reply(HttpServerResponse response, String requestId, String messageId, String requestedModel,
                             LlmReply reply, long startedNanos) {
        OpenAiResponses.routerHeaders(response, requestId, reply, startedNanos);
        if (reply.isOk() && reply.response() != null) {
            response.putHeader(REQUEST_ID_HEADER, requestId);
            OpenAiResponses.json(response, 200, AnthropicMessage.of(reply.response(), messageId,
                    reply.model() == null ? requestedModel : reply.model()));
        } else if (reply.isOk()) {
            error(response, requestId, ErrorInfo.upstream("The provider's reply carried no completion"));
        } else {
            error(response, requestId, reply.error());
        }
    }
}
