package io.llmrouter.streams.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.llmrouter.streams.internal.quota.Budget;
import io.llmrouter.streams.internal.quota.TokenBucket;
import org.junit.jupiter.api.Test;

/** The windows of the day and month budgets and the arithmetic of the per-minute buckets. */
class BudgetTest {

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void decemberBudgetEndsOnTheFirstOfJanuary() {
        long window = Budget.Period.MONTH.windowOf(at("2025-12-31T23:59:59Z"));

        assertThat(Budget.Period.MONTH.nextStart(window)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void dayBudgetIsEmptiedAtMidnightUtc() {
        Budget spent = Budget.empty(Budget.Period.DAY, at("2025-03-01T23:00:00Z")).plus(500, 1.5);

        assertThat(spent.current(Budget.Period.DAY, at("2025-03-01T23:59:59Z")).tokens()).isEqualTo(500);
        assertThat(spent.current(Budget.Period.DAY, at("2025-03-02T00:00:00Z")).tokens()).isZero();
    }

    @Test
    void bucketRefillsInProportionToTimeUpToItsCapacity() {
        TokenBucket empty = new TokenBucket(0, 0);

        assertThat(empty.refilled(600, 30_000).level()).isEqualTo(300);
        assertThat(empty.refilled(600, 600_000).level()).isEqualTo(600);
    }

    @Test
    void bucketInDebtRepaysItBeforeAdmitting() {
        TokenBucket inDebt = TokenBucket.full(600, 0).take(600, 900);

        assertThat(inDebt.admits(600, 100)).isFalse();
        assertThat(inDebt.millisUntil(600, 100)).isEqualTo(40_000);
    }

    @Test
    void fullBucketAdmitsARequestLargerThanItself() {
        assertThat(TokenBucket.full(100, 0).admits(100, 250)).isTrue();
        assertThat(new TokenBucket(99, 0).admits(100, 250)).isFalse();
    }
}
