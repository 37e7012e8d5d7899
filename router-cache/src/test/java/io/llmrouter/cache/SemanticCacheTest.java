package io.llmrouter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SemanticCacheTest {

    private static final SemanticScope SCOPE = new SemanticScope("*", "chat-fast", "system-a");
    private static final double THRESHOLD = 0.92;
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SemanticCache cache = new SemanticCache(
            SemanticCacheSettings.defaults().withDimensions(4).withMaxEntries(3), clock);

    @Test
    void nearDuplicateInTheSameScopeMatches() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        assertThat(lookup(SCOPE, 1, 0.1f, 0, 0)).hasValueSatisfying(hit -> {
            assertThat(hit.key()).isEqualTo("k1");
            assertThat(hit.similarity()).isGreaterThan(0.99);
        });
    }

    @Test
    void differentSystemPromptNeverMatches() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        assertThat(lookup(new SemanticScope("*", "chat-fast", "system-b"), 1, 0, 0, 0)).isEmpty();
    }

    @Test
    void differentModelGroupNeverMatches() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        assertThat(lookup(new SemanticScope("*", "chat-smart", "system-a"), 1, 0, 0, 0)).isEmpty();
    }

    @Test
    void differentTenantNeverMatches() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        assertThat(lookup(new SemanticScope("key-7", "chat-fast", "system-a"), 1, 0, 0, 0)).isEmpty();
    }

    @Test
    void similarityBelowTheThresholdMisses() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        // cosine 0.9 < 0.92
        assertThat(lookup(SCOPE, 0.9f, (float) Math.sqrt(1 - 0.81), 0, 0)).isEmpty();
    }

    @Test
    void thresholdIsTheCallersToChoose() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));
        float[] query = unit(0.9f, (float) Math.sqrt(1 - 0.81), 0, 0);

        assertThat(cache.lookup(SCOPE, "q", query, 0.85, HitVerifier.COSINE_ONLY)).isPresent();
        assertThat(cache.lookup(SCOPE, "q", query, 0.95, HitVerifier.COSINE_ONLY)).isEmpty();
    }

    @Test
    void mostSimilarEntryWins() {
        cache.put(entry("far", SCOPE, 1, 0.3f, 0, 0));
        cache.put(entry("near", SCOPE, 1, 0.05f, 0, 0));

        assertThat(lookup(SCOPE, 1, 0, 0, 0)).map(SemanticHit::key).hasValue("near");
    }

    @Test
    void verifierRejectionFallsThroughToTheNextCandidate() {
        cache.put(entry("near", SCOPE, 1, 0.05f, 0, 0));
        cache.put(entry("far", SCOPE, 1, 0.3f, 0, 0));
        List<String> offered = new ArrayList<>();
        HitVerifier rejectsNear = (cached, incoming, cosine) -> {
            offered.add(cached);
            return !cached.equals("prompt of near");
        };

        assertThat(cache.lookup(SCOPE, "q", unit(1, 0, 0, 0), THRESHOLD, rejectsNear))
                .map(SemanticHit::key).hasValue("far");
        assertThat(offered).containsExactly("prompt of near", "prompt of far");
        assertThat(cache.stats().rejections()).isEqualTo(1);
    }

    @Test
    void verifierSeesBothPromptsAndTheCosine() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));
        List<String> seen = new ArrayList<>();

        cache.lookup(SCOPE, "incoming", unit(1, 0, 0, 0), THRESHOLD, (cached, incoming, cosine) -> {
            seen.add(cached + "|" + incoming + "|" + Math.round(cosine * 100));
            return true;
        });

        assertThat(seen).containsExactly("prompt of k1|incoming|100");
    }

    @Test
    void verifierRejectingEveryCandidateIsAMiss() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        assertThat(cache.lookup(SCOPE, "q", unit(1, 0, 0, 0), THRESHOLD, (c, i, cos) -> false)).isEmpty();
        assertThat(cache.stats().misses()).isEqualTo(1);
    }

    @Test
    void expiredEntryNeverMatches() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        clock.advance(Duration.ofMillis(HOUR));

        assertThat(lookup(SCOPE, 1, 0, 0, 0)).isEmpty();
    }

    @Test
    void entryMatchesUntilItExpires() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        clock.advance(Duration.ofMillis(HOUR - 1));

        assertThat(lookup(SCOPE, 1, 0, 0, 0)).isPresent();
    }

    @Test
    void evictExpiredPurgesOnlyExpiredEntriesAndCountsThem() {
        cache.put(entry("short", SCOPE, 1, 0, 0, 0));
        clock.advance(Duration.ofMinutes(30));
        cache.put(entry("long", SCOPE, 0, 1, 0, 0));
        clock.advance(Duration.ofMinutes(31));

        assertThat(cache.evictExpired()).isEqualTo(1);

        assertThat(cache.contains("short")).isFalse();
        assertThat(cache.contains("long")).isTrue();
        assertThat(cache.stats().expiredEvictions()).isEqualTo(1);
        assertThat(cache.stats().capacityEvictions()).isZero();
    }

    @Test
    void alreadyExpiredEntryIsNotKept() {
        cache.put(new SemanticEntry("k1", SCOPE, "p", unit(1, 0, 0, 0), clock.millis()));

        assertThat(cache.size()).isZero();
    }

    @Test
    void leastRecentlyInsertedIsEvictedFirstBeyondMaxEntries() {
        cache.put(entry("a", SCOPE, 1, 0, 0, 0));
        cache.put(entry("b", SCOPE, 0, 1, 0, 0));
        cache.put(entry("c", SCOPE, 0, 0, 1, 0));

        cache.put(entry("d", SCOPE, 0, 0, 0, 1));

        assertThat(cache.contains("a")).isFalse();
        assertThat(List.of("b", "c", "d")).allMatch(cache::contains);
        assertThat(cache.stats().capacityEvictions()).isEqualTo(1);
    }

    @Test
    void hitCountsAsAUseForEviction() {
        cache.put(entry("a", SCOPE, 1, 0, 0, 0));
        cache.put(entry("b", SCOPE, 0, 1, 0, 0));
        cache.put(entry("c", SCOPE, 0, 0, 1, 0));

        assertThat(lookup(SCOPE, 1, 0, 0, 0)).isPresent();
        cache.put(entry("d", SCOPE, 0, 0, 0, 1));

        assertThat(cache.contains("a")).isTrue();
        assertThat(cache.contains("b")).isFalse();
    }

    @Test
    void evictionOrderSpansAllScopes() {
        SemanticScope other = new SemanticScope("*", "chat-smart", "system-a");
        cache.put(entry("a", other, 1, 0, 0, 0));
        cache.put(entry("b", SCOPE, 0, 1, 0, 0));
        cache.put(entry("c", SCOPE, 0, 0, 1, 0));

        cache.put(entry("d", SCOPE, 0, 0, 0, 1));

        assertThat(cache.contains("a")).isFalse();
        assertThat(lookup(other, 1, 0, 0, 0)).isEmpty();
    }

    @Test
    void removedEntryNoLongerMatches() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        assertThat(cache.remove("k1")).isTrue();

        assertThat(lookup(SCOPE, 1, 0, 0, 0)).isEmpty();
        assertThat(cache.size()).isZero();
        assertThat(cache.remove("k1")).isFalse();
    }

    @Test
    void putWithTheSameKeyReplacesTheEntry() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        cache.put(entry("k1", SCOPE, 0, 1, 0, 0));

        assertThat(cache.size()).isEqualTo(1);
        assertThat(lookup(SCOPE, 1, 0, 0, 0)).isEmpty();
        assertThat(lookup(SCOPE, 0, 1, 0, 0)).map(SemanticHit::key).hasValue("k1");
    }

    @Test
    void replacementTakesTheNewTimeToLive() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));
        cache.put(new SemanticEntry("k1", SCOPE, "p", unit(1, 0, 0, 0), clock.millis() + 3 * HOUR));

        clock.advance(Duration.ofHours(2));

        assertThat(cache.evictExpired()).isZero();
        assertThat(lookup(SCOPE, 1, 0, 0, 0)).isPresent();
    }

    @Test
    void statsCountHitsAndMisses() {
        cache.put(entry("k1", SCOPE, 1, 0, 0, 0));

        lookup(SCOPE, 1, 0, 0, 0);
        lookup(SCOPE, 0, 1, 0, 0);
        lookup(new SemanticScope("*", "other", "x"), 1, 0, 0, 0);

        assertThat(cache.stats()).isEqualTo(new SemanticCacheStats(1, 2, 0, 0, 0, 1));
    }

    @Test
    void vectorOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> cache.put(new SemanticEntry("k", SCOPE, "p", new float[3], Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.lookup(SCOPE, "p", new float[5], THRESHOLD, HitVerifier.COSINE_ONLY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private SemanticEntry entry(String key, SemanticScope scope, float... vector) {
        return new SemanticEntry(key, scope, "prompt of " + key, unit(vector), clock.millis() + HOUR);
    }

    private Optional<SemanticHit> lookup(SemanticScope scope, float... vector) {
        return cache.lookup(scope, "incoming", unit(vector), THRESHOLD, HitVerifier.COSINE_ONLY);
    }

    private static float[] unit(float... vector) {
        return ClusteredVectors.normalised(vector.clone());
    }
}
