package io.llmrouter.streams.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.UsageEvent;
import org.junit.jupiter.api.Test;

/** The quota ledger: each limit, the correction by actual usage, the next candidate, the local model and the 429. */
class QuotaTopologyTest {

    @Test
    void withoutQuotasRequestsGoStraightToTheWorkTopic() {
        try (QuotaFixture router = new QuotaFixture(null, null)) {
            router.send();

            assertThat(router.quotaRequestKeys()).isEmpty();
            assertThat(router.work("openai")).hasSize(1);
        }
    }

    @Test
    void requestWithAQuotaPassesTheLedgerKeyedByProvider() {
        try (QuotaFixture router = new QuotaFixture("{requests-per-minute: 10}", null)) {
            router.send();

            assertThat(router.quotaRequestKeys()).containsExactly("openai");
            assertThat(router.work("openai")).singleElement()
                    .satisfies(work -> assertThat(work.route().model()).isEqualTo("gpt-4o-mini"));
        }
    }

    @Test
    void requestOverTheModelsRequestsPerMinuteGoesToTheNextCandidate() {
        try (QuotaFixture router = new QuotaFixture(null, "{requests-per-minute: 2}")) {
            router.send();
            router.send();
            router.send();

            List<LlmRequest> work = router.work("openai");
            assertThat(work).extracting(r -> r.route().model()).containsExactly("gpt-4o-mini", "gpt-4o-mini", "gpt-4o");
            LlmRequest.Attempt refused = work.get(2).attempts().get(0);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("quota_exceeded");
            assertThat(refused.message()).contains("openai/gpt-4o-mini over its requests-per-minute quota (2;")
                    .contains("capacity returns in 30 s");
        }
    }

    @Test
    void requestsPerMinuteRefillAsTimePasses() {
        try (QuotaFixture router = new QuotaFixture(null, "{requests-per-minute: 2}")) {
            router.send();
            router.send();
            router.clock.advance(Duration.ofSeconds(30));
            router.send();

            assertThat(router.work("openai")).extracting(r -> r.route().model())
                    .containsExactly("gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini");
        }
    }

    @Test
    void tokensPerMinuteAdmitWhatFitsAndRefillOverTheMinute() {
        try (QuotaFixture router = new QuotaFixture(null, "{tokens-per-minute: 150}")) {
            router.send();
            router.send();
            router.clock.advance(Duration.ofSeconds(60));
            router.send();

            List<LlmRequest> work = router.work("openai");
            assertThat(work).extracting(r -> r.route().model()).containsExactly("gpt-4o-mini", "gpt-4o", "gpt-4o-mini");
            assertThat(work.get(1).attempts().get(0).message()).contains("over its tokens-per-minute quota (150;");
        }
    }

    @Test
    void dailyTokenBudgetRefusesUntilTheNextUtcDay() {
        try (QuotaFixture router = new QuotaFixture(null, "{tokens-per-day: 250}")) {
            router.send();
            router.send();
            router.send();
            router.clock.advance(Duration.ofHours(14));
            router.send();

            List<LlmRequest> work = router.work("openai");
            assertThat(work).extracting(r -> r.route().model())
                    .containsExactly("gpt-4o-mini", "gpt-4o-mini", "gpt-4o", "gpt-4o-mini");
            assertThat(work.get(2).attempts().get(0).message()).contains("over its tokens-per-day quota (250;")
                    .contains("(at 2025-01-16T00:00:00Z)");
        }
    }

    @Test
    void monthlyTokenBudgetRefusesUntilTheNextMonth() {
        try (QuotaFixture router = new QuotaFixture(null, "{tokens-per-month: 150}")) {
            router.send();
            router.send();

            assertThat(router.work("openai").get(1).attempts().get(0).message())
                    .contains("over its tokens-per-month quota").contains("(at 2025-02-01T00:00:00Z)");
        }
    }

    @Test
    void dailyUsdBudgetCountsTheEstimatedCost() {
        // About 108 tokens at 1000 USD per million is about 0.11 USD a request.
        try (QuotaFixture router = new QuotaFixture(null, "{usd-per-day: 0.2}")) {
            router.send();
            router.send();

            List<LlmRequest> work = router.work("openai");
            assertThat(work.get(0).route().estimatedCostUsd()).isGreaterThan(0.1);
            assertThat(work.get(1).route().model()).isEqualTo("gpt-4o");
            assertThat(work.get(1).attempts().get(0).message()).contains("over its usd-per-day quota");
        }
    }

    @Test
    void monthlyUsdBudgetOfTheProviderCoversAllItsModels() {
        try (QuotaFixture router = new QuotaFixture("{usd-per-month: 0.2}", null, Set.of("openai"))) {
            router.send();
            router.send();

            assertThat(router.work("openai")).hasSize(1);
            LlmReply refused = router.replies().get(0);
            assertThat(refused.error().status()).isEqualTo(429);
            assertThat(refused.error().message()).contains("openai over its usd-per-month quota");
        }
    }

    @Test
    void actualUsageReplacesTheReservedEstimate() {
        try (QuotaFixture router = new QuotaFixture(null, "{tokens-per-day: 250}")) {
            String first = router.send();
            router.usage(first, "gpt-4o-mini", 8, 2, 0.0);
            router.send();
            router.send();
            router.send();

            assertThat(router.work("openai")).extracting(r -> r.route().model())
                    .containsExactly("gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini", "gpt-4o");
        }
    }

    @Test
    void usageAboveTheEstimateIsChargedToo() {
        try (QuotaFixture router = new QuotaFixture(null, "{tokens-per-day: 1000}")) {
            String first = router.send();
            router.usage(first, "gpt-4o-mini", 8, 900, 0.0);
            router.send();

            assertThat(router.work("openai")).extracting(r -> r.route().model()).containsExactly("gpt-4o-mini", "gpt-4o");
        }
    }

    @Test
    void replayedRequestIsNotChargedTwice() {
        try (QuotaFixture router = new QuotaFixture(null, "{requests-per-minute: 1}")) {
            router.send("req-replayed");
            router.send("req-replayed");

            assertThat(router.work("openai")).extracting(r -> r.route().model())
                    .containsExactly("gpt-4o-mini", "gpt-4o-mini");
        }
    }

    @Test
    void unsettledReservationExpiresAndLaterUsageIsChargedInFull() {
        try (QuotaFixture router = new QuotaFixture(null, "{tokens-per-day: 250}")) {
            String first = router.send();
            router.pass(Duration.ofMinutes(16));
            router.usage(first, "gpt-4o-mini", 8, 2, 0.0);
            router.send();
            router.send();

            assertThat(router.work("openai")).extracting(r -> r.route().model())
                    .containsExactly("gpt-4o-mini", "gpt-4o-mini", "gpt-4o");
        }
    }

    @Test
    void cacheHitUsageCostsNothing() {
        try (QuotaFixture router = new QuotaFixture(null, "{tokens-per-day: 250}")) {
            router.send();
            router.publish(new UsageEvent("cached-1", router.clock.millis(), "openai", "gpt-4o-mini", Priority.NORMAL,
                    null, 5_000, 5_000, 1.0, 0, true));
            router.send();

            assertThat(router.work("openai")).extracting(r -> r.route().model())
                    .containsExactly("gpt-4o-mini", "gpt-4o-mini");
        }
    }

    @Test
    void localModelServesWhenEveryCloudQuotaIsGone() {
        try (QuotaFixture router = new QuotaFixture("{requests-per-minute: 1}", null)) {
            router.send();
            router.send();

            assertThat(router.work("openai")).hasSize(1);
            LlmRequest local = router.work("ollama").get(0);
            assertThat(local.route().model()).isEqualTo("llama3.2");
            assertThat(local.attempts()).extracting(LlmRequest.Attempt::code)
                    .containsExactly("quota_exceeded", "quota_exceeded");
        }
    }

    @Test
    void nothingLeftToServeIsA429WithTheReasonAndWhenCapacityReturns() {
        try (QuotaFixture router = new QuotaFixture("{requests-per-minute: 1}", null, Set.of("openai"))) {
            router.send();
            router.send();

            LlmReply reply = router.replies().get(0);
            assertThat(reply.error().status()).isEqualTo(429);
            assertThat(reply.error().code()).isEqualTo("quota_exceeded");
            assertThat(reply.error().message()).contains("Every candidate is over its quota")
                    .contains("openai over its requests-per-minute quota (1; 0 left, 1 needed)")
                    .contains("capacity returns in 60 s");
        }
    }

    @Test
    void refusedAttemptSaysWhenTheDeploymentHasCapacityAgain() {
        try (QuotaFixture router = new QuotaFixture(null, "{requests-per-minute: 2}")) {
            router.send();
            router.send();
            router.send();

            LlmRequest third = router.work("openai").get(2);
            assertThat(third.attempts().get(0).retryAfterMs()).isEqualTo(30_000L);
            assertThat(third.route().skipped()).contains("openai/gpt-4o-mini: over quota (capacity returns in 30 s)");
        }
    }

    @Test
    void quotaAnswerCarriesTheWaitUntilCapacityReturnsForRetryAfter() {
        try (QuotaFixture router = new QuotaFixture("{requests-per-minute: 1}", null, Set.of("openai"))) {
            router.send();
            router.clock.advance(Duration.ofSeconds(15));
            router.send();

            LlmReply reply = router.replies().get(0);
            assertThat(reply.error().type()).isEqualTo("rate_limit_error");
            assertThat(reply.error().retryAfterMs()).isEqualTo(45_000L);
        }
    }

    @Test
    void quotaAnswerWaitsOnlyForTheEarliestRefusedQuota() {
        // gpt-4o-mini's minute bucket refills in 60 s; gpt-4o's day budget only at midnight.
        try (QuotaFixture router = new QuotaFixture(null, "{requests-per-minute: 1}", "{tokens-per-day: 150}",
                Set.of("openai"))) {
            router.send();
            router.send();
            router.send();

            LlmReply reply = router.replies().get(0);
            assertThat(reply.error().message()).contains("openai/gpt-4o-mini over its requests-per-minute quota")
                    .contains("openai/gpt-4o over its tokens-per-day quota");
            assertThat(reply.error().retryAfterMs()).isEqualTo(60_000L);
        }
    }

    @Test
    void quotaRefusalMixedWithAnUpstreamFailureIsNoQuotaAnswer() {
        try (QuotaFixture router = new QuotaFixture(null, "{requests-per-minute: 1}", Set.of("openai"))) {
            router.send();
            router.send();
            LlmRequest servedByTheFallback = router.work("openai").get(1);
            router.failOver(servedByTheFallback, 502, "upstream_failed");

            List<LlmReply> replies = router.replies();
            assertThat(replies).hasSize(1);
            assertThat(replies.get(0).error().code()).isEqualTo("all_candidates_failed");
            assertThat(replies.get(0).error().retryAfterMs()).isNull();
        }
    }
}
