package io.llmrouter.bridge.internal;

import java.util.Locale;
import java.util.Set;

import io.llmrouter.schemas.ErrorInfo;

/** Whose doing an error was: the caller's, the router's policy, a provider's, or the router's own. */
public enum ErrorCause {
    /** The request was wrong: bad JSON, an unknown model, a field the provider refused. */
    CALLER,
    /** The router declined by rule: no provider allowed or on for the model, a quota or budget spent. */
    POLICY,
    /** The providers failed: upstream errors, rate limits, broken streams, open breakers. */
    PROVIDER,
    /** The router itself failed: no reply in time, too many waiting callers, Kafka unreachable, a bug. */
    ROUTER;

    // Kept, not derived per call: it is read for every finished call.
    private final String label = name().toLowerCase(Locale.ROOT);

    private static final Set<String> ROUTER_CODES = Set.of("timeout", "overloaded", "kafka_unavailable",
            "shutting_down", "internal_error");
    private static final Set<String> POLICY_CODES = Set.of("no_provider_available", "quota_exceeded",
            "budget_exceeded", "key_limit_exceeded", "rate_limited");
    private static final Set<String> PROVIDER_TYPES = Set.of("upstream_error", "rate_limit_error");
    private static final Set<String> PROVIDER_CODES = Set.of("provider_unavailable", "all_candidates_failed",
            "stream_broken");

    /** The cause of an error, from its code, type and status. */
    public static ErrorCause of(ErrorInfo error) {
        return of(error, null);
    }

    /**
     * The cause of an error that {@code provider} was serving when it happened (null when none was): a worker's
     * timeout or server error names the provider, where the bridge's own timeout names none.
     */
    public static ErrorCause of(ErrorInfo error, String provider) {
        String code = error.code() == null ? "" : error.code();
        if (POLICY_CODES.contains(code)) {
            return POLICY;
        }
        boolean serverSide = error.status() >= 500 || error.status() == 429;
        if (provider != null && serverSide) {
            return PROVIDER;
        }
        if (ROUTER_CODES.contains(code)) {
            return ROUTER;
        }
        if (PROVIDER_CODES.contains(code) || PROVIDER_TYPES.contains(error.type()) || error.status() == 429) {
            return PROVIDER;
        }
        return error.status() >= 400 && error.status() < 500 ? CALLER : ROUTER;
    }

    /** The label value, e.g. {@code provider}. */
    public String label() {
        return label;
    }
}
