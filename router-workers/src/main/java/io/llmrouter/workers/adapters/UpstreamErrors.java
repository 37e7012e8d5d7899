package io.llmrouter.workers.adapters;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;

import io.llmrouter.config.Secret;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.vertx.core.MultiMap;

/** Turns an upstream's HTTP error or an I/O failure into the result the router acts on and the caller sees. */
public final class UpstreamErrors {

    private UpstreamErrors() {
    }

    /**
     * The result of an error status. The caller's own mistakes (400, 413, 422) pass through with the
     * upstream's message; refused credentials are the router's problem (502), never the caller's 401.
     * The provider's key is scrubbed from the message, since upstreams sometimes quote it.
     */
    public static UpstreamResult fromStatus(String providerId, int status, String upstreamMessage, MultiMap headers,
                                            Secret apiKey, long latencyMs) {
        String message = apiKey.isEmpty() ? upstreamMessage : upstreamMessage.replace(apiKey.reveal(), "****");
        String detail = message.isBlank() ? "" : ": " + message;
        Duration retryAfter = retryAfter(headers);
        return switch (status) {
            case 400, 422 -> UpstreamResult.failure(Failure.INVALID_REQUEST, new ErrorInfo(400, "invalid_request_error",
                    "upstream_rejected_request", providerId + " rejected the request" + detail, null), null, latencyMs);
            case 413 -> UpstreamResult.failure(Failure.INVALID_REQUEST, new ErrorInfo(413, "invalid_request_error",
                    "request_too_large", providerId + " refused the request as too large" + detail, null), null, latencyMs);
            case 404 -> UpstreamResult.failure(Failure.MODEL_NOT_FOUND, new ErrorInfo(404, "invalid_request_error",
                    "model_not_found", providerId + " does not serve the model" + detail, "model"), null, latencyMs);
            case 401, 403 -> UpstreamResult.failure(Failure.AUTH, new ErrorInfo(502, "upstream_error",
                    "upstream_auth_failed", providerId + " refused the router's credentials (HTTP " + status + ")", null),
                    null, latencyMs);
            case 429 -> UpstreamResult.failure(Failure.RATE_LIMITED, new ErrorInfo(429, "rate_limit_error",
                    "upstream_rate_limited", providerId + " is rate limiting" + detail, null), retryAfter, latencyMs);
            case 408, 504 -> UpstreamResult.failure(Failure.TIMEOUT,
                    ErrorInfo.timeout(providerId + " timed out (HTTP " + status + ")" + detail), retryAfter, latencyMs);
            default -> UpstreamResult.failure(status >= 500 ? Failure.SERVER_ERROR : Failure.MALFORMED,
                    new ErrorInfo(502, "upstream_error", status == 529 ? "upstream_overloaded" : "upstream_failed",
                            providerId + " failed with HTTP " + status + detail, null), retryAfter, latencyMs);
        };
    }

    /** The result of a call that got no HTTP answer: a timeout or a connection failure. */
    public static UpstreamResult fromThrowable(String providerId, Throwable failure, long timeoutMs, long latencyMs) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause instanceof java.util.concurrent.CompletionException || cause.getMessage() == null)) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            return UpstreamResult.failure(Failure.TIMEOUT,
                    ErrorInfo.timeout(providerId + " did not answer within " + timeoutMs + " ms"), null, latencyMs);
        }
        return UpstreamResult.failure(Failure.CONNECTION, ErrorInfo.upstream("Cannot reach " + providerId + ": "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage())),
                null, latencyMs);
    }

    /** The result of an answer that is not in the provider's wire format. */
    public static UpstreamResult malformed(String providerId, String what, String body, long latencyMs) {
        String excerpt = body.length() <= 200 ? body : body.substring(0, 200) + "...";
        return UpstreamResult.failure(Failure.MALFORMED,
                ErrorInfo.upstream(providerId + " answered with " + what + ": " + excerpt), null, latencyMs);
    }

    /** {@code Retry-After} in seconds or as an HTTP date; also OpenAI's {@code retry-after-ms}. */
    static Duration retryAfter(MultiMap headers) {
        if (headers == null) {
            return null;
        }
        String millis = headers.get("retry-after-ms");
        String value = headers.get("retry-after");
        try {
            if (millis != null) {
                return Duration.ofMillis((long) Double.parseDouble(millis.trim()));
            }
            if (value == null) {
                return null;
            }
            if (value.trim().matches("\\d+(\\.\\d+)?")) {
                return Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
            }
            Duration until = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
