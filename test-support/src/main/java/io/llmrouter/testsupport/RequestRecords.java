package io.llmrouter.testsupport;

import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RoutingHints;
import io.llmrouter.schemas.WireFormat;

/** Builds request records and OpenAI bodies for tests. */
public final class RequestRecords {

    private RequestRecords() {
    }

    /** An OpenAI chat completion body with one user message. */
    public static ObjectNode chatBody(String model, String userMessage) {
        ObjectNode body = WireFormat.mapper().createObjectNode().put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", userMessage);
        return body;
    }

    /** A request with a fresh id for one user message. */
    public static LlmRequest chat(Priority priority, String replyTo, String model, String userMessage) {
        return new LlmRequest("req-" + UUID.randomUUID(), priority, replyTo, System.currentTimeMillis(),
                chatBody(model, userMessage), RoutingHints.NONE, null);
    }

    /** The same request encoded as it travels on a topic. */
    public static byte[] bytes(LlmRequest request) {
        return WireFormat.toBytes(request);
    }
}
