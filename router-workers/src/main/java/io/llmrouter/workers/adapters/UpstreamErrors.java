package io.llmrouter.workers.adapters;

import io.llmrouter.schemas.ErrorInfo;

/** Maps an upstream's HTTP error to the error the router's caller sees. */
final class UpstreamErrors {

    private UpstreamErrors() {
    }

    /**
     * The caller's own mistakes (400, 404, 413, 422) pass through with the upstream's message; the
     * router's credentials being refused is the router's problem (502), not the caller's (401).
     */
    static ErrorInfo fromStatus(String providerId, int status, String upstreamMessage) {
        String detail = upstreamMessage.isBlank() ? "" : ": " + upstreamMessage;
        return switch (status) {
            case 400, 422 -> new ErrorInfo(400, "invalid_request_error", "upstream_rejected_request",
                    providerId + " rejected the request" + detail, null);
            case 404 -> new ErrorInfo(404, "invalid_request_error", "model_not_found",
                    providerId + " does not know the model" + detail, "model");
            case 413 -> new ErrorInfo(413, "invalid_request_error", "request_too_large",
                    providerId + " refused the request as too large" + detail, null);
            case 401, 403 -> new ErrorInfo(502, "upstream_error", "upstream_auth_failed",
                    providerId + " refused the router's credentials (HTTP " + status + ")", null);
            case 429 -> new ErrorInfo(429, "rate_limit_error", "upstream_rate_limited",
                    providerId + " is rate limiting" + detail, null);
            case 408, 504 -> ErrorInfo.timeout(providerId + " timed out (HTTP " + status + ")" + detail);
            default -> new ErrorInfo(502, "upstream_error", "upstream_failed",
                    providerId + " failed with HTTP " + status + detail, null);
        };
    }
}
