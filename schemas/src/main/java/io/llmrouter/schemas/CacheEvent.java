package io.llmrouter.schemas;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What happened to a cache key, on {@link Topics#CACHE_EVENTS} keyed by that key: a worker filled it with an
 * answer, or some instance served it again. The cache keeper reads these to apply TTL and LRU eviction.
 *
 * @param key   the exact-cache key
 * @param type  fill or use
 * @param at    epoch milliseconds of the event
 * @param entry the cached answer, for a fill
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheEvent(String key, Type type, long at, CacheEntry entry) {

    /** The two kinds of cache event. */
    public enum Type {
        FILL, USE;

        // Kept, not derived per call: it is read for every event written.
        private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

        @JsonValue
        String wireName() {
            return wireName;
        }
    }

    public CacheEvent {
        Objects.requireNonNull(key, "key is required");
        Objects.requireNonNull(type, "type is required");
        if (type == Type.FILL) {
            Objects.requireNonNull(entry, "entry is required for a fill");
        }
    }

    /** A worker cached an answer. */
    public static CacheEvent fill(CacheEntry entry, long at) {
        return new CacheEvent(entry.directive().key(), Type.FILL, at, entry);
    }

    /** A cached answer was served again. */
    public static CacheEvent use(String key, long at) {
        return new CacheEvent(key, Type.USE, at, null);
    }
}
