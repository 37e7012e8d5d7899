package io.llmrouter.workers;

import java.time.Duration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;

/**
 * What one upstream call came to.
 *
 * @param response   an OpenAI {@code chat.completion} (for streams: the whole answer put together), on success
 * @param error      why it failed, otherwise
 * @param failure    the kind of failure, which decides retry and failover
 * @param retryAfter how long the upstream asked us to wait, or null
 * @param latencyMs  how long the call took
 */
public record UpstreamResult(ObjectNode response, ErrorInfo error, Failure failure, Duration retryAfter, long latencyMs) {

    /** Kinds of failure, by what the router may do about them. */
    public enum Failure {
        /** The call succeeded. */
        NONE(false, false),
        /** The caller's request is wrong (400, 413, 422): another provider would say the same. */
        INVALID_REQUEST(false, false),
        /** The provider refused the router's credentials. */
        AUTH(false, true),
        /** The provider does not serve the model. */
        MODEL_NOT_FOUND(false, true),
        /** 429: wait, then try again or elsewhere. */
        RATE_LIMITED(true, true),
        /** 5xx or overloaded (Anthropic's 529). */
        SERVER_ERROR(true, true),
        /** No answer in time. */
        TIMEOUT(true, true),
        /** Connection refused or reset. */
        CONNECTION(true, true),
        /** An answer that is not the provider's wire format. */
        MALFORMED(false, true),
        /** A stream broke after its first chunk reached the caller: it can only end with an error. */
        STREAM_BROKEN(false, false),
        /** The circuit breaker or bulkhead did not let the call out. */
        REJECTED(false, true);

        private final boolean retriable;
        private final boolean failover;

        Failure(boolean retriable, boolean failover) {
            this.retriable = retriable;
            this.failover = failover;
        }

        /** True when the same call may succeed if made again after a pause. */
        public boolean retriable() {
            return retriable;
        }

        /** True when another provider may succeed where this one failed. */
        public boolean failover() {
            return failover;
        }
    }

    /** A successful call. */
    public static UpstreamResult success(ObjectNode response, long latencyMs) {
        return new UpstreamResult(response, null, Failure.NONE, null, latencyMs);
    }

    /** A failed call. */
    public static UpstreamResult failure(Failure failure, ErrorInfo error, Duration retryAfter, long latencyMs) {
        return new UpstreamResult(null, error, failure, retryAfter, latencyMs);
    }

    /** True when the upstream answered. */
    public boolean isSuccess() {
        return failure == Failure.NONE;
    }
}
