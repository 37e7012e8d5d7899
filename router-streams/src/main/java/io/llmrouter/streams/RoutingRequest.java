package io.llmrouter.streams;

import java.time.Instant;

import io.llmrouter.schemas.Priority;

/**
 * What a {@link RoutingPolicy} knows about the request being routed.
 *
 * @param requestId      the request's id
 * @param priority       its priority
 * @param requestedModel the model the caller asked for: virtual, a group or concrete
 * @param strategy       the strategy that ranked the candidates, e.g. {@code cost}
 * @param complex        true when the complexity classifier judged the prompt hard
 * @param now            the router's current time (from its clock, so tests can set it)
 */
public record RoutingRequest(String requestId, Priority priority, String requestedModel, String strategy,
                             boolean complex, Instant now) {
}
