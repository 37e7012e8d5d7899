package io.llmrouter.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one terminal reply to a request: an OpenAI {@code chat.completion} or an error.
 *
 * @param requestId  the request this answers
 * @param status     {@code ok} or {@code error}
 * @param provider   the provider that served it, when one did
 * @param model      the model that served it, when one did
 * @param response   the OpenAI chat completion, when ok
 * @param error      what went wrong, when error
 * @param route      the routing decision, when one was made
 * @param timings    where the time went
 * @param cache      how the caches took part, when they were looked at
 * @param costUsd    what the call cost at the configured per-model prices: 0 when a cache answered, absent when
 *                   nothing was served
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LlmReply(String requestId, Status status, String provider, String model,
                       ObjectNode response, ErrorInfo error, RouteDecision route, Timings timings,
                       CacheInfo cache, Double costUsd) {

    /** A reply without its cost. */
    public LlmReply(String requestId, Status status, String provider, String model, ObjectNode response,
                    ErrorInfo error, RouteDecision route, Timings timings, CacheInfo cache) {
        this(requestId, status, provider, model, response, error, route, timings, cache, null);
    }

    /** A reply without cache information. */
    public LlmReply(String requestId, Status status, String provider, String model, ObjectNode response,
                    ErrorInfo error, RouteDecision route, Timings timings) {
        this(requestId, status, provider, model, response, error, route, timings, null);
    }

    /** Outcome of a request. */
    public enum Status {
        OK, ERROR;

        private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

        @com.fasterxml.jackson.annotation.JsonValue
        String wireName() {
            return wireName;
        }
    }

    /** A successful reply from the given deployment. */
    public static LlmReply ok(LlmRequest request, ObjectNode response, Timings timings) {
        RouteDecision route = request.route();
        return new LlmReply(request.requestId(), Status.OK, route.provider(), route.model(),
                response, null, route, timings);
    }

    /** An error reply; {@code route} may be null when the request never got that far. */
    public static LlmReply error(String requestId, ErrorInfo error, RouteDecision route, Timings timings) {
        return new LlmReply(requestId, Status.ERROR, route == null ? null : route.provider(),
                route == null ? null : route.model(), null, error, route, timings);
    }

    /** The same reply saying how the caches took part. */
    public LlmReply withCache(CacheInfo info) {
        return new LlmReply(requestId, status, provider, model, response, error, route, timings, info, costUsd);
    }

    /** The same reply saying what the call cost. */
    public LlmReply withCost(double usd) {
        return new LlmReply(requestId, status, provider, model, response, error, route, timings, cache, usd);
    }

    /** True for a successful reply. */
    @JsonIgnore
    public boolean isOk() {
        return status == Status.OK;
    }

    /**
     * Milestones of a request in epoch milliseconds, and the upstream call's duration.
     *
     * @param receivedAt  when the request entered the router
     * @param routedAt    when the topology chose a deployment
     * @param upstreamMs  how long the upstream call took, 0 when none was made
     * @param completedAt when the reply was written
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Timings(long receivedAt, long routedAt, long upstreamMs, long completedAt) {
    }
}
