package io.llmrouter.schemas;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param attempts  deployments already tried and why each failed; the router does not try them again
 * @param cache     set by the router on a cacheable request that missed the caches, so its answer fills them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LlmRequest(String requestId, Priority priority, String replyTo, long createdAt,
                         ObjectNode body, RoutingHints hints, RouteDecision route, List<Attempt> attempts,
                         CacheDirective cache) {

    public LlmRequest {
        Objects.requireNonNull(requestId, "request_id is required");
        Objects.requireNonNull(priority, "priority is required");
        Objects.requireNonNull(replyTo, "reply_to is required");
        Objects.requireNonNull(body, "body is required");
        hints = hints == null ? RoutingHints.NONE : hints;
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A request that the caches have not looked at. */
    public LlmRequest(String requestId, Priority priority, String replyTo, long createdAt, ObjectNode body,
                      RoutingHints hints, RouteDecision route, List<Attempt> attempts) {
        this(requestId, priority, replyTo, createdAt, body, hints, route, attempts, null);
    }

    /** A request with no failed attempts yet. */
    public LlmRequest(String requestId, Priority priority, String replyTo, long createdAt, ObjectNode body,
                      RoutingHints hints, RouteDecision route) {
        this(requestId, priority, replyTo, createdAt, body, hints, route, List.of());
    }

    /** A request as it first enters the router: no route, no attempts. */
    public static LlmRequest of(String requestId, Priority priority, String replyTo, long createdAt, ObjectNode body,
                                RoutingHints hints) {
        return new LlmRequest(requestId, priority, replyTo, createdAt, body, hints, null, List.of());
    }

    /** True when the caller asked for a streamed answer. */
    @JsonIgnore
    public boolean isStream() {
        return body.path("stream").asBoolean(false);
    }

    /** The model the caller asked for: a virtual model, a route name or a concrete model. */
    public String requestedModel() {
        return body.path("model").asText("");
    }

    /** This request sent to the given deployment. */
    public LlmRequest routedTo(RouteDecision decision) {
        return new LlmRequest(requestId, priority, replyTo, createdAt, body, hints, decision, attempts, cache);
    }

    /** This request handed back after its route failed, without a route and with the failure recorded. */
    public LlmRequest failedOver(Attempt attempt) {
        List<Attempt> tried = new java.util.ArrayList<>(attempts);
        tried.add(attempt);
        return new LlmRequest(requestId, priority, replyTo, createdAt, body, hints, null, tried, cache);
    }

    /** This request marked for filling the caches with its answer. */
    public LlmRequest withCache(CacheDirective directive) {
        return new LlmRequest(requestId, priority, replyTo, createdAt, body, hints, route, attempts, directive);
    }

    /**
     * One failed try at a deployment.
     *
     * @param provider provider id
     * @param model    model name
     * @param status   HTTP status of the failure as the caller would see it
     * @param code     machine-readable error code
     * @param message  what went wrong
     * @param retryAfterMs for a refusal by a quota or rate limit: milliseconds from the refusal until the
     *                     deployment has capacity again, when known
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(String provider, String model, int status, String code, String message,
                          Long retryAfterMs) {

        /** The canonical constructor is the one decoding uses; without the mark Jackson picks the shorter one. */
        @JsonCreator
        public Attempt {
        }

        /** A failed try with no hint of when the deployment can serve again. */
        public Attempt(String provider, String model, int status, String code, String message) {
            this(provider, model, status, code, message, null);
        }

        @Override
        public String toString() {
            return provider + "/" + model + " (" + status + ": " + message + ")";
        }
    }
}
