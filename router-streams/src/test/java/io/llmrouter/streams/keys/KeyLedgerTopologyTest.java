package io.llmrouter.streams.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.llmrouter.config.KeyHash;
import io.llmrouter.config.VirtualKey;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.Topics;
import org.junit.jupiter.api.Test;

/** The key ledger: per-minute limits, monthly budgets and their rollover, settlement, replays, the global budget. */
class KeyLedgerTopologyTest {

    private static String key(String id, String limits) {
        return "    " + id + ": {key-sha256: " + KeyHash.sha256Hex(id + "-secret") + (limits.isEmpty() ? "" : ", ")
                + limits + "}\n";
    }

    @Test
    void keyWithoutLimitsSkipsTheLedger() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", ""))) {
            router.send("team-a");

            assertThat(router.keysOn(Topics.KEY_REQUESTS)).isEmpty();
            assertThat(router.served()).hasSize(1);
        }
    }

    @Test
    void keyWithLimitsPassesTheLedgerKeyedByKeyId() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "requests-per-minute: 5"))) {
            router.send("team-a");

            assertThat(router.keysOn(Topics.KEY_REQUESTS)).containsExactly("team-a");
            assertThat(router.served()).hasSize(1);
        }
    }

    @Test
    void requestOverTheRequestsPerMinuteIsAnswered429RateLimitedWithRetryAfter() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "requests-per-minute: 2"))) {
            router.send("team-a");
            router.send("team-a");
            String refused = router.send("team-a");

            assertThat(router.served()).hasSize(2);
            assertThat(router.replies()).singleElement().satisfies(reply -> {
                assertThat(reply.requestId()).isEqualTo(refused);
                ErrorInfo error = reply.error();
                assertThat(error.status()).isEqualTo(429);
                assertThat(error.code()).isEqualTo("rate_limited");
                assertThat(error.message()).contains("virtual key 'team-a' over its requests-per-minute quota (2;");
                assertThat(error.retryAfterMs()).isEqualTo(30_000L);
            });
        }
    }

    @Test
    void requestsPerMinuteRefillAsTimePasses() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "requests-per-minute: 2"))) {
            router.send("team-a");
            router.send("team-a");
            router.pass(Duration.ofSeconds(30));
            router.send("team-a");

            assertThat(router.served()).hasSize(3);
            assertThat(router.replies()).isEmpty();
        }
    }

    @Test
    void limitsOfOneKeyLeaveAnotherAlone() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "requests-per-minute: 1")
                + key("team-b", "requests-per-minute: 1"))) {
            router.send("team-a");
            router.send("team-b");

            assertThat(router.served()).hasSize(2);
        }
    }

    @Test
    void monthlyTokenBudgetRefusesUntilTheNextMonth() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "monthly-tokens: 150"))) {
            router.send("team-a");
            router.send("team-a");
            router.pass(Duration.ofDays(17));
            router.send("team-a");

            assertThat(router.served()).containsExactly("req-1", "req-3");
            assertThat(router.replies()).singleElement().satisfies(reply -> {
                assertThat(reply.error().status()).isEqualTo(429);
                assertThat(reply.error().code()).isEqualTo("budget_exceeded");
                assertThat(reply.error().message()).startsWith("Budget exceeded: virtual key 'team-a' over its "
                        + "tokens-per-month quota (150;").contains("(at 2025-02-01T00:00:00Z)");
                assertThat(reply.error().retryAfterMs()).isNull();
            });
        }
    }

    @Test
    void monthlyUsdBudgetCountsTheEstimatedCost() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "monthly-usd: 0.2"))) {
            router.send("team-a");
            router.send("team-a");

            assertThat(router.served()).containsExactly("req-1");
            assertThat(router.replies().get(0).error().message()).contains("over its usd-per-month quota");
        }
    }

    @Test
    void actualUsageReplacesTheEstimate() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "monthly-tokens: 250"))) {
            router.send("team-a");
            router.usage("req-1", "team-a", 5, 5, 0.01);
            router.send("team-a");
            router.send("team-a");

            // Estimated alone, three requests of about 108 tokens would overrun 250; settled, the first cost 10.
            assertThat(router.keysOn(Topics.KEY_USAGE)).containsExactly("team-a");
            assertThat(router.served()).containsExactly("req-1", "req-2", "req-3");
        }
    }

    @Test
    void usageAboveTheEstimateIsCharged() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "monthly-tokens: 250"))) {
            router.send("team-a");
            router.usage("req-1", "team-a", 100, 150, 0.25);
            router.send("team-a");

            assertThat(router.served()).containsExactly("req-1");
        }
    }

    @Test
    void replayedRequestIsNotChargedTwice() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "requests-per-minute: 1"))) {
            router.send("team-a", "req-x");
            router.send("team-a", "req-x");
            router.send("team-a", "req-y");

            assertThat(router.served()).containsExactly("req-x", "req-x");
            assertThat(router.replies()).extracting(r -> r.requestId()).containsExactly("req-y");
        }
    }

    @Test
    void globalBudgetIsOneScopeForEveryKey() {
        try (KeyFixture router = new KeyFixture("  global-budget: {monthly-tokens: 250}\n  virtual:\n"
                + key("team-a", "") + key("team-b", ""))) {
            router.send("team-a");
            router.send("team-b");
            router.send("team-a");

            assertThat(router.keysOn(Topics.KEY_REQUESTS)).containsOnly("*global*");
            assertThat(router.served()).containsExactly("req-1", "req-2");
            assertThat(router.replies().get(0).error().message()).contains("the global budget over its "
                    + "tokens-per-month quota (250;");
        }
    }

    @Test
    void keyCreatedAtRunTimeHasItsLimitsFromTheKeysTopic() {
        try (KeyFixture router = new KeyFixture("  admin-key: ${ROUTER_ADMIN_KEY}\n")) {
            router.publishKey("runtime", new VirtualKey(KeyHash.sha256Hex("runtime-secret"), null, null, null,
                    1L, null, null, null));
            router.send("runtime");
            router.send("runtime");

            assertThat(router.served()).containsExactly("req-1");
            assertThat(router.replies()).singleElement()
                    .satisfies(reply -> assertThat(reply.error().code()).isEqualTo("rate_limited"));
        }
    }

    @Test
    void admittedRequestGoesOnToTheQuotaLedgerOfItsProvider() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "requests-per-minute: 5"),
                "{requests-per-minute: 10}")) {
            router.send("team-a");

            assertThat(router.keysOn(Topics.KEY_REQUESTS)).containsExactly("team-a");
            assertThat(router.keysOn(Topics.QUOTA_REQUESTS)).containsExactly("openai");
            assertThat(router.served()).containsExactly("req-1");
        }
    }

    @Test
    void requestFailingOverToAnotherModelIsChargedOnce() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "requests-per-minute: 1")
                + key("team-b", "requests-per-minute: 1"), "{requests-per-minute: 1}")) {
            router.send("team-b");
            // gpt-4o-mini's quota is spent, so this one passes the key ledger, is refused by the quota ledger, and
            // comes back through the key ledger on its way to gpt-4o.
            router.send("team-a");

            assertThat(router.work()).extracting(r -> r.requestId() + "@" + r.route().model())
                    .containsExactly("req-1@gpt-4o-mini", "req-2@gpt-4o");
            assertThat(router.keysOn(Topics.KEY_REQUESTS)).containsExactly("team-b", "team-a", "team-a");
            assertThat(router.replies()).isEmpty();
        }
    }

    @Test
    void staleReservationKeepsItsEstimateCharged() {
        try (KeyFixture router = new KeyFixture("  virtual:\n" + key("team-a", "monthly-tokens: 250"))) {
            router.send("team-a");
            router.pass(Duration.ofMinutes(20));
            router.usage("req-1", "team-a", 5, 5, 0.01);
            router.send("team-a");
            router.send("team-a");

            // The late usage is charged in full on top of the estimate it no longer finds: 108 + 10 + 108 fits, + 108 not.
            assertThat(router.served()).containsExactly("req-1", "req-2");
        }
    }
}
