package io.llmrouter.schemas;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A chat completion request as it travels on the request and work topics.
 *
 * @param requestId correlation id, unique per request; also the record key
 * @param priority  which request topic it belongs to
 * @param replyTo   the topic that receives the terminal reply
 * @param createdAt epoch milliseconds when the request entered the router
 * @param body      the OpenAI chat completion request body, unchanged
 * @param hints     router controls from the caller
 * @param route     the chosen deployment; set by the router on work topics, absent on request topics
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LlmRequest(String requestId, Priority priority, String replyTo, long createdAt,
                         ObjectNode body, RoutingHints hints, RouteDecision route) {

    public LlmRequest {
        Objects.requireNonNull(requestId, "request_id is required");
        Objects.requireNonNull(priority, "priority is required");
        Objects.requireNonNull(replyTo, "reply_to is required");
        Objects.requireNonNull(body, "body is required");
        hints = hints == null ? RoutingHints.NONE : hints;
    }

    /** The model the caller asked for: a virtual model, a route name or a concrete model. */
    public String requestedModel() {
        return body.path("model").asText("");
    }

    /** This request sent to the given deployment. */
    public LlmRequest routedTo(RouteDecision decision) {
        return new LlmRequest(requestId, priority, replyTo, createdAt, body, hints, decision);
    }
}
