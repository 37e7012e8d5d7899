package io.llmrouter.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The worker pools.
 *
 * @param concurrency      upstream calls in flight at once per provider pool
 * @param commitIntervalMs the least time between two transactions of a pool while every finished record's caller
 *                         already has its answer (early replies); a record a reader still waits for is committed at once
 */
public record WorkerSettings(int concurrency, long commitIntervalMs) {

    /** 64 calls in flight per provider, transactions at most every 100 ms while nobody waits for them. */
    public static final WorkerSettings DEFAULTS = new WorkerSettings(64, 100);

    /** Reads the YAML form; an absent interval takes the default. */
    @JsonCreator
    public static WorkerSettings of(@JsonProperty("concurrency") Integer concurrency,
                                    @JsonProperty("commit-interval-ms") Long commitIntervalMs) {
        return new WorkerSettings(concurrency == null ? DEFAULTS.concurrency() : concurrency,
                commitIntervalMs == null ? DEFAULTS.commitIntervalMs() : commitIntervalMs);
    }
}
