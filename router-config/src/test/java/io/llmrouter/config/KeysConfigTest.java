package io.llmrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.Test;

class KeysConfigTest {

    private static final String BASE = """
            kafka:
              bootstrap-servers: localhost:9092
            providers:
              sim:
                kind: simulator
                base-url: http://127.0.0.1:18090/v1
                models:
                  sim-fast: {context-window: 1000}
            routes:
              default:
                targets: [sim/sim-fast]
            """;

    private static RouterConfig parse(String keys, Map<String, String> env) {
        return ConfigLoader.parse(BASE + keys, "test.yaml", env);
    }

    @Test
    void noKeysSectionLeavesTheBridgeOpen() {
        RouterConfig config = parse("", Map.of());

        assertThat(config.keys().enforced()).isFalse();
        assertThat(config.keys().globalBudget().limited()).isFalse();
    }

    @Test
    void keysAreReadWithTheirLimits() {
        RouterConfig config = parse("""
                keys:
                  global-budget: {monthly-usd: 100}
                  virtual:
                    team-a:
                      key-sha256: %s
                      allowed-models: [auto, sim-fast]
                      max-priority: high
                      requests-per-minute: 60
                      monthly-tokens: 1000000
                """.formatted(KeyHash.sha256Hex("team-a-key")), Map.of());

        VirtualKey key = config.keys().virtual().get("team-a");
        assertThat(config.keys().enforced()).isTrue();
        assertThat(key.keySha256()).isEqualTo(KeyHash.sha256Hex("team-a-key"));
        assertThat(key.allows("sim-fast")).isTrue();
        assertThat(key.allows("gpt-4o")).isFalse();
        assertThat(key.limits().requestsPerMinute()).isEqualTo(60);
        assertThat(key.limits().tokensPerMonth()).isEqualTo(1_000_000);
        assertThat(config.keys().globalBudget().limits().usdPerMonth()).isEqualTo(100.0);
    }

    @Test
    void aPlainKeyIsHashedAtLoadAndForgotten() {
        RouterConfig config = parse("""
                keys:
                  virtual:
                    team-b: {key: "${TEAM_B_KEY}"}
                """, Map.of("TEAM_B_KEY", "plain-secret-value"));

        VirtualKey key = config.keys().virtual().get("team-b");
        assertThat(key.keySha256()).isEqualTo(KeyHash.sha256Hex("plain-secret-value"));
        assertThat(key.key().isEmpty()).isTrue();
        assertThat(config.toString()).doesNotContain("plain-secret-value");
        assertThat(new String(WireFormat.toBytes(key))).doesNotContain("plain-secret-value").doesNotContain("\"key\"");
    }

    @Test
    void adminKeyIsMaskedWhenPrinted() {
        RouterConfig config = parse("""
                keys:
                  admin-key: "${ADMIN_KEY}"
                """, Map.of("ADMIN_KEY", "admin-secret-value"));

        assertThat(config.keys().adminKey().reveal()).isEqualTo("admin-secret-value");
        assertThat(config.keys().enforced()).isTrue();
        assertThat(config.toString()).doesNotContain("admin-secret-value");
    }

    @Test
    void keyWithoutDigestOrBadLimitsIsRefused() {
        assertThatThrownBy(() -> parse("""
                keys:
                  global-budget: {monthly-tokens: 0}
                  virtual:
                    "bad id!": {requests-per-minute: -1}
                """, Map.of()))
                .hasMessageContaining("keys.virtual.bad id!: key ids use")
                .hasMessageContaining("keys.virtual.bad id!.key-sha256: missing")
                .hasMessageContaining("keys.virtual.bad id!.requests-per-minute: must be above 0")
                .hasMessageContaining("keys.global-budget.monthly-tokens: must be above 0");
    }

    @Test
    void globalBudgetWithoutKeysIsRefused() {
        assertThatThrownBy(() -> parse("""
                keys:
                  global-budget: {monthly-usd: 10}
                """, Map.of()))
                .hasMessageContaining("keys.global-budget: counts the spend of keys, and there are none");
    }

    @Test
    void twoIdsWithTheSameKeyAreRefused() {
        String digest = KeyHash.sha256Hex("shared");
        assertThatThrownBy(() -> parse("""
                keys:
                  virtual:
                    one: {key-sha256: %s}
                    two: {key-sha256: %s}
                """.formatted(digest, digest), Map.of()))
                .hasMessageContaining("keys.virtual.two: the same key as keys.virtual.one");
    }

    @Test
    void priorityIsLoweredToTheCeilingOnly() {
        VirtualKey key = new VirtualKey(KeyHash.sha256Hex("k"), null, null, Priority.HIGH, null, null, null, null);

        assertThat(key.clamp(Priority.CRITICAL)).isEqualTo(Priority.HIGH);
        assertThat(key.clamp(Priority.HIGH)).isEqualTo(Priority.HIGH);
        assertThat(key.clamp(Priority.LOW)).isEqualTo(Priority.LOW);
    }

    @Test
    void digestsCompareWhateverTheirCase() throws NoSuchAlgorithmException {
        String digest = KeyHash.sha256Hex("abc");

        assertThat(digest).isEqualTo(jdkSha256Hex("abc"));
        assertThat(KeyHash.sameDigest(digest, digest.toUpperCase())).isTrue();
        assertThat(KeyHash.sameDigest(digest, KeyHash.sha256Hex("abd"))).isFalse();
        assertThat(KeyHash.sameDigest(null, digest)).isFalse();
    }

    @Test
    void generatedKeysDiffer() {
        assertThat(KeyHash.generate()).startsWith(KeyHash.GENERATED_PREFIX).isNotEqualTo(KeyHash.generate());
    }

    /** Lower-case hex SHA-256 as the JDK computes it, the reference the stored digests must match. */
    private static String jdkSha256Hex(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
