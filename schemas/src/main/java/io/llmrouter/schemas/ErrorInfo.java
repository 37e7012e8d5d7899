package io.llmrouter.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Why a request failed, shaped like an OpenAI error object plus the HTTP status it maps to.
 *
 * @param status  HTTP status the bridge answers with, e.g. 400, 404, 502, 504
 * @param type    OpenAI error type, e.g. {@code invalid_request_error}
 * @param code    machine-readable code, e.g. {@code model_not_found}
 * @param message what went wrong, for a person
 * @param param        the offending request field, when there is one
 * @param retryAfterMs for a 429: how long until capacity returns, when the router knows; the bridge sends it as
 *                     {@code Retry-After}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorInfo(int status, String type, String code, String message, String param, Long retryAfterMs) {

    /** The canonical constructor is the one decoding uses; without the mark Jackson picks the shorter one. */
    @JsonCreator
    public ErrorInfo {
    }

    /** An error without a retry hint. */
    public ErrorInfo(int status, String type, String code, String message, String param) {
        this(status, type, code, message, param, null);
    }

    /**
     * A 429 when a quota, rate limit or budget is spent.
     *
     * @param code         e.g. {@code quota_exceeded}, {@code rate_limited}, {@code budget_exceeded}
     * @param retryAfterMs when capacity returns, or null when it will not return by waiting (a spent budget)
     */
    public static ErrorInfo overQuota(String code, String message, Long retryAfterMs) {
        return new ErrorInfo(429, "rate_limit_error", code, message, null, retryAfterMs);
    }

    /** A 400 caused by the caller's input. */
    public static ErrorInfo invalidRequest(String message, String param) {
        return new ErrorInfo(400, "invalid_request_error", "invalid_request", message, param);
    }

    /** A 404 for a model the router does not know. */
    public static ErrorInfo modelNotFound(String model) {
        return new ErrorInfo(404, "invalid_request_error", "model_not_found",
                "The model '" + model + "' does not exist or is not routed by this router", "model");
    }

    /** A 503 when no configured deployment can take the request. */
    public static ErrorInfo noProvider(String message) {
        return new ErrorInfo(503, "service_unavailable", "no_provider_available", message, null);
    }

    /** A 502 when the upstream call failed. */
    public static ErrorInfo upstream(String message) {
        return new ErrorInfo(502, "upstream_error", "upstream_failed", message, null);
    }

    /** A 504 when no reply came in time. */
    public static ErrorInfo timeout(String message) {
        return new ErrorInfo(504, "timeout", "timeout", message, null);
    }

    /** A 500 for a fault inside the router. */
    public static ErrorInfo internal(String message) {
        return new ErrorInfo(500, "server_error", "internal_error", message, null);
    }
}
