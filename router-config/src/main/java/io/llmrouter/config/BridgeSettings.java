package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The HTTP bridge: where it listens and how long callers wait.
 *
 * @param host             interface to listen on
 * @param port             TCP port
 * @param instanceId       names this instance's reply topic; unique per running bridge
 * @param requestTimeoutMs how long a call waits for its reply before a 504
 * @param maxPending       calls waiting for replies at once; beyond it the bridge answers 503
 */
public record BridgeSettings(
        @JsonProperty("host") String host,
        @JsonProperty("port") int port,
        @JsonProperty("instance-id") String instanceId,
        @JsonProperty("request-timeout-ms") long requestTimeoutMs,
        @JsonProperty("max-pending") int maxPending) {

    /** The bridge on port 8080 with a 60 s timeout. */
    public static final BridgeSettings DEFAULTS = new BridgeSettings("0.0.0.0", 8080, "bridge-1", 60_000, 10_000);

    /** The same settings on another port. */
    public BridgeSettings withPort(int newPort) {
        return new BridgeSettings(host, newPort, instanceId, requestTimeoutMs, maxPending);
    }

    /** The same settings under another instance id. */
    public BridgeSettings withInstanceId(String id) {
        return new BridgeSettings(host, port, id, requestTimeoutMs, maxPending);
    }

    /** The same settings with another timeout. */
    public BridgeSettings withRequestTimeoutMs(long timeoutMs) {
        return new BridgeSettings(host, port, instanceId, timeoutMs, maxPending);
    }
}
