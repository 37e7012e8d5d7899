package io.llmrouter.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How the caches took part in a reply.
 *
 * @param status     hit-exact, hit-semantic, miss (looked up, not found) or bypass (not cacheable)
 * @param similarity cosine similarity of the prompts, for a semantic hit
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheInfo(Status status, Double similarity) {

    /** A request that was looked up and not found. */
    public static final CacheInfo MISS = new CacheInfo(Status.MISS, null);
    /** A request the caches did not take part in. */
    public static final CacheInfo BYPASS = new CacheInfo(Status.BYPASS, null);
    /** Answered from the exact tier. */
    public static final CacheInfo EXACT_HIT = new CacheInfo(Status.HIT_EXACT, null);

    /** Answered from the semantic tier with the given similarity. */
    public static CacheInfo semanticHit(double similarity) {
        return new CacheInfo(Status.HIT_SEMANTIC, similarity);
    }

    /** True for either kind of hit. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isHit() {
        return status == Status.HIT_EXACT || status == Status.HIT_SEMANTIC;
    }

    /** Cache outcome of a reply, as it appears on the wire and in the {@code X-Router-Cache} header. */
    public enum Status {
        HIT_EXACT("hit-exact"), HIT_SEMANTIC("hit-semantic"), MISS("miss"), BYPASS("bypass");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        /** The name on the wire, e.g. {@code hit-exact}. */
        @JsonValue
        public String wireName() {
            return wireName;
        }
    }
}
