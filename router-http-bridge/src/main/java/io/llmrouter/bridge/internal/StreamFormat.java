package io.llmrouter.bridge.internal;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.vertx.core.http.HttpServerResponse;

/**
 * How one streamed answer reaches its caller: the server-sent events written for each upstream chunk, at the end,
 * and on a failure. {@link StreamingReply} decides when; an implementation decides what, and may keep state.
 */
public interface StreamFormat {

    /** The events for one OpenAI {@code chat.completion.chunk}; empty when the caller is not to see it. */
    List<String> chunk(ObjectNode chunk);

    /** The events that end a completed stream; {@code completion} is the terminal reply's, possibly null. */
    List<String> end(ObjectNode completion);

    /** The event that ends a stream broken after its first event. */
    String failure(ErrorInfo error);

    /** Answers a reply that came before any event as one plain response, e.g. an error with its status. */
    void plain(HttpServerResponse response, String requestId, LlmReply reply, long startedNanos);
}
