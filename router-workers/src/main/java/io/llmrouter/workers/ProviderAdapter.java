package io.llmrouter.workers;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmRequest;

/** Calls one upstream provider's API for a routed request and answers in OpenAI's response shape. */
public interface ProviderAdapter {

    /** Sends the request to the deployment in its route; never completes exceptionally. */
    CompletableFuture<UpstreamResult> complete(LlmRequest request);

    /**
     * What the upstream answered.
     *
     * @param response  an OpenAI {@code chat.completion}, when the call succeeded
     * @param error     why it failed, otherwise
     * @param latencyMs how long the call took
     */
    record UpstreamResult(ObjectNode response, ErrorInfo error, long latencyMs) {

        /** A successful call. */
        public static UpstreamResult success(ObjectNode response, long latencyMs) {
            return new UpstreamResult(response, null, latencyMs);
        }

        /** A failed call. */
        public static UpstreamResult failure(ErrorInfo error, long latencyMs) {
            return new UpstreamResult(null, error, latencyMs);
        }

        /** True when the upstream answered with a completion. */
        public boolean isSuccess() {
            return response != null;
        }
    }
}
