package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The worker pools.
 *
 * @param concurrency upstream calls in flight at once per provider pool
 */
public record WorkerSettings(@JsonProperty("concurrency") int concurrency) {

    /** 64 calls in flight per provider. */
    public static final WorkerSettings DEFAULTS = new WorkerSettings(64);
}
