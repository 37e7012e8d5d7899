package io.llmrouter.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the caller asks of the router beyond the OpenAI body; every field is optional.
 *
 * @param strategy  routing strategy name, e.g. {@code cost}
 * @param noCache   true to skip the caches for this request
 * @param timeoutMs how long the caller waits for a reply
 * @param apiKeyId   the id (never the secret) of the virtual key the request came with
 * @param earlyReply true when the reply_to reader takes the first reply per request id and ignores the rest (the
 *                   bridge does): the worker then sends the answer at once, before its transaction commits
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingHints(String strategy, Boolean noCache, Long timeoutMs, String apiKeyId, Boolean earlyReply) {

    /** No hints: the router's defaults apply. */
    public static final RoutingHints NONE = new RoutingHints(null, null, null, null, null);

    @JsonCreator
    public RoutingHints {
    }

    /** Hints whose reply goes out only with the worker's transaction. */
    public RoutingHints(String strategy, Boolean noCache, Long timeoutMs, String apiKeyId) {
        this(strategy, noCache, timeoutMs, apiKeyId, null);
    }

    /** The same hints asking for the answer before the worker's transaction commits. */
    public RoutingHints withEarlyReply() {
        return new RoutingHints(strategy, noCache, timeoutMs, apiKeyId, Boolean.TRUE);
    }

    /** True when the worker may send the answer before its transaction commits. */
    public boolean wantsEarlyReply() {
        return Boolean.TRUE.equals(earlyReply);
    }
}
