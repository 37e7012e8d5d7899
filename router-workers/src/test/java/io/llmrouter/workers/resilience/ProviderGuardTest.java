package io.llmrouter.workers.resilience;

import static io.llmrouter.workers.resilience.ScriptedAdapter.failed;
import static io.llmrouter.workers.resilience.ScriptedAdapter.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.testsupport.MutableClock;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.UpstreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProviderGuardTest {

    /** breaker-open-ms by default. */
    private static final Duration OPEN_PERIOD = Duration.ofSeconds(60);
    /** The first instant after the open period (the breaker stays open for all of it, its last millisecond included). */
    private static final Duration PAST_OPEN_PERIOD = OPEN_PERIOD.plusMillis(1);

    private final MutableClock clock = new MutableClock();
    private final ProviderGuard guard = new ProviderGuard("p", ResilienceSettings.defaults().maxInFlight(2).build(),
            clock);

    /** Makes one call through the guard if it lets one out; false when it did not. */
    private boolean call(UpstreamResult result) {
        if (!guard.permitCall()) {
            return false;
        }
        guard.record(result);
        return true;
    }

    private void calls(UpstreamResult result, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(call(result)).as("call %d was let out", i + 1).isTrue();
        }
    }

    private void openWithFiveServerErrors() {
        calls(failed(Failure.SERVER_ERROR), 5);
        assertThat(guard.snapshot().breakerState()).isEqualTo("open");
    }

    private String state() {
        return guard.snapshot().breakerState();
    }

    @Test
    void aNewGuardIsClosedAndLetsCallsOut() {
        assertThat(state()).isEqualTo("closed");
        assertThat(guard.permitCall()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"SERVER_ERROR", "TIMEOUT", "CONNECTION", "MALFORMED", "AUTH"})
    void fiveFailuresInARowOpenTheBreaker(Failure kind) {
        calls(failed(kind), 5);

        assertThat(state()).isEqualTo("open");
        assertThat(guard.permitCall()).isFalse();
    }

    @Test
    void fourFailuresInARowLeaveTheBreakerClosed() {
        calls(failed(Failure.SERVER_ERROR), 4);

        assertThat(state()).isEqualTo("closed");
        assertThat(guard.permitCall()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"INVALID_REQUEST", "RATE_LIMITED", "MODEL_NOT_FOUND"})
    void failuresThatSayNothingAboutTheProviderNeverOpenTheBreaker(Failure kind) {
        calls(failed(kind), 25);

        assertThat(state()).isEqualTo("closed");
        assertThat(guard.permitCall()).isTrue();
    }

    @Test
    void aSuccessBreaksARunOfFailures() {
        calls(failed(Failure.SERVER_ERROR), 4);
        calls(ok(), 1);
        calls(failed(Failure.SERVER_ERROR), 4);

        assertThat(state()).isEqualTo("closed");
    }

    @Test
    void aCallerMistakeBreaksARunOfFailures() {
        calls(failed(Failure.SERVER_ERROR), 4);
        calls(failed(Failure.INVALID_REQUEST), 1);
        calls(failed(Failure.SERVER_ERROR), 4);

        assertThat(state()).isEqualTo("closed");
    }

    @Test
    void halfOfTwentyCallsFailingOpensTheBreakerWithoutFiveInARow() {
        for (int i = 0; i < 10; i++) {
            calls(ok(), 1);
            calls(failed(Failure.SERVER_ERROR), 1);
        }

        assertThat(state()).isEqualTo("open");
        assertThat(guard.permitCall()).isFalse();
    }

    @Test
    void theFailureRateIsJudgedOnlyOnceTheWindowHoldsTwentyCalls() {
        for (int i = 0; i < 9; i++) {
            calls(failed(Failure.SERVER_ERROR), 1);
            calls(ok(), 1);
        }
        calls(failed(Failure.SERVER_ERROR), 1);

        assertThat(state()).as("10 failures in 19 calls").isEqualTo("closed");
    }

    @Test
    void aFailureRateBelowHalfLeavesTheBreakerClosed() {
        for (int i = 0; i < 9; i++) {
            calls(failed(Failure.SERVER_ERROR), 1);
            calls(ok(), 1);
        }
        calls(ok(), 2);

        assertThat(state()).as("9 failures in 20 calls").isEqualTo("closed");
        assertThat(guard.permitCall()).isTrue();
    }

    @Test
    void anOpenBreakerKeepsRejectingUntilTheOpenPeriodHasPassed() {
        openWithFiveServerErrors();

        clock.advance(OPEN_PERIOD);

        assertThat(guard.permitCall()).isFalse();
        assertThat(state()).isEqualTo("open");
    }

    @Test
    void afterTheOpenPeriodTrialCallsAreLetThrough() {
        openWithFiveServerErrors();

        clock.advance(PAST_OPEN_PERIOD);

        assertThat(guard.permitCall()).isTrue();
        assertThat(state()).isEqualTo("half_open");
    }

    @Test
    void aHalfOpenBreakerLetsOutOnlyThreeTrialCallsAtOnce() {
        openWithFiveServerErrors();
        clock.advance(PAST_OPEN_PERIOD);

        assertThat(guard.permitCall()).isTrue();
        assertThat(guard.permitCall()).isTrue();
        assertThat(guard.permitCall()).isTrue();
        assertThat(guard.permitCall()).isFalse();
    }

    @Test
    void twoSuccessfulTrialsLeaveTheBreakerHalfOpen() {
        openWithFiveServerErrors();
        clock.advance(PAST_OPEN_PERIOD);

        calls(ok(), 2);

        assertThat(state()).isEqualTo("half_open");
    }

    @Test
    void threeSuccessfulTrialsCloseTheBreaker() {
        openWithFiveServerErrors();
        clock.advance(PAST_OPEN_PERIOD);

        calls(ok(), 3);

        assertThat(state()).isEqualTo("closed");
        assertThat(guard.permitCall()).isTrue();
    }

    @Test
    void aFailedTrialReopensTheBreaker() {
        openWithFiveServerErrors();
        clock.advance(PAST_OPEN_PERIOD);

        calls(failed(Failure.SERVER_ERROR), 1);

        assertThat(state()).isEqualTo("open");
        assertThat(guard.permitCall()).isFalse();
    }

    @Test
    void aFailedTrialReopensTheBreakerForAnotherWholeOpenPeriod() {
        openWithFiveServerErrors();
        clock.advance(PAST_OPEN_PERIOD);

        calls(failed(Failure.SERVER_ERROR), 1);
        clock.advance(OPEN_PERIOD.minusMillis(1));

        assertThat(state()).isEqualTo("open");
        assertThat(guard.permitCall()).isFalse();
    }

    @Test
    void theBulkheadRefusesAPlaceBeyondMaxInFlight() {
        assertThat(guard.enter()).isTrue();
        assertThat(guard.enter()).isTrue();

        assertThat(guard.enter()).isFalse();
    }

    @Test
    void leavingTheBulkheadFreesAPlace() {
        guard.enter();
        guard.enter();

        guard.leave();

        assertThat(guard.enter()).isTrue();
    }

    @Test
    void snapshotCountsTheCallsInFlight() {
        guard.enter();
        guard.enter();
        guard.leave();

        assertThat(guard.snapshot().inFlight()).isEqualTo(1);
    }

    @Test
    void snapshotOfANewGuardIsClosedAndIdle() {
        ProviderGuard.Snapshot snapshot = guard.snapshot();

        assertThat(snapshot.name()).isEqualTo("p");
        assertThat(snapshot.breakerState()).isEqualTo("closed");
        assertThat(snapshot.inFlight()).isZero();
        assertThat(snapshot.errorRate()).isZero();
        assertThat(snapshot.rateLimitedRate()).isZero();
        assertThat(snapshot.latencyMs()).isZero();
    }

    @Test
    void snapshotReportsTheFailureShareOverTheRateWindow() {
        for (int i = 0; i < 5; i++) {
            calls(failed(Failure.SERVER_ERROR), 1);
            calls(ok(), 3);
        }

        assertThat(guard.snapshot().errorRate()).isEqualTo(0.25);
        assertThat(state()).isEqualTo("closed");
    }

    @Test
    void snapshotReportsAnOpenBreaker() {
        openWithFiveServerErrors();

        assertThat(guard.snapshot().breakerState()).isEqualTo("open");
    }

    @Test
    void snapshotRateLimitedRateRisesWithRateLimitsAndFallsWithOtherAnswers() {
        calls(failed(Failure.RATE_LIMITED), 10);
        double afterRateLimits = guard.snapshot().rateLimitedRate();
        calls(ok(), 10);
        double afterSuccesses = guard.snapshot().rateLimitedRate();

        assertThat(afterRateLimits).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);
        assertThat(afterSuccesses).isLessThan(0.2).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void snapshotLatencyIsAMovingAverageOfCallLatencies() {
        call(UpstreamResult.success(ok().response(), 100));
        double afterFirst = guard.snapshot().latencyMs();
        call(UpstreamResult.failure(Failure.TIMEOUT, ErrorInfo.timeout("slow"), null, 200));

        assertThat(afterFirst).isEqualTo(100.0);
        assertThat(guard.snapshot().latencyMs()).isStrictlyBetween(100.0, 200.0);
    }
}
