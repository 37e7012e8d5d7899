package io.llmrouter.workers.resilience;

import static io.llmrouter.workers.resilience.ScriptedAdapter.failed;
import static io.llmrouter.workers.resilience.ScriptedAdapter.ok;
import static io.llmrouter.workers.resilience.ScriptedAdapter.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ResilienceConfig;
import io.llmrouter.testsupport.MutableClock;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.UpstreamResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResilientAdapterTest {

    /** breaker-open-ms by default. */
    private static final Duration OPEN_PERIOD = Duration.ofSeconds(60);
    /** The first instant after the open period (the breaker stays open for all of it, its last millisecond included). */
    private static final Duration PAST_OPEN_PERIOD = OPEN_PERIOD.plusMillis(1);

    private final MutableClock clock = new MutableClock();
    private final ScriptedAdapter upstream = new ScriptedAdapter();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RecordingScheduler recording = new RecordingScheduler();

    @AfterEach
    void stopSchedulers() {
        scheduler.shutdownNow();
        recording.shutdownNow();
    }

    private ResilientAdapter adapter(ResilienceSettings settings) {
        return adapter(settings.build(), scheduler);
    }

    private ResilientAdapter adapter(ResilienceConfig config, ScheduledExecutorService on) {
        return new ResilientAdapter("p", upstream, config, on, clock);
    }

    private static UpstreamResult await(CompletableFuture<UpstreamResult> call) {
        return call.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static void callTimes(ResilientAdapter adapter, String model, int times) {
        for (int i = 0; i < times; i++) {
            await(adapter.complete(request(model)));
        }
    }

    // --- circuit breaker ---

    @Test
    void anOpenBreakerRejectsWithA503WithoutCallingTheUpstream() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries());
        upstream.fails(Failure.SERVER_ERROR, 5);
        callTimes(adapter, "m", 5);

        UpstreamResult result = await(adapter.complete(request("m")));

        assertThat(upstream.calls()).isEqualTo(5);
        assertThat(result.failure()).isEqualTo(Failure.REJECTED);
        assertThat(result.error().status()).isEqualTo(503);
        assertThat(result.error().type()).isEqualTo("service_unavailable");
        assertThat(result.error().message()).contains("p").contains("circuit breaker is open");
    }

    @Test
    void anOpenBreakerAlsoRejectsStreamsWithoutCallingTheUpstream() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries());
        upstream.fails(Failure.TIMEOUT, 5);
        callTimes(adapter, "m", 5);
        List<ObjectNode> chunks = new CopyOnWriteArrayList<>();

        UpstreamResult result = await(adapter.stream(request("m"), chunks::add));

        assertThat(upstream.calls()).isEqualTo(5);
        assertThat(result.failure()).isEqualTo(Failure.REJECTED);
        assertThat(chunks).isEmpty();
    }

    @Test
    void afterTheOpenPeriodATrialCallReachesTheUpstream() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries());
        upstream.fails(Failure.SERVER_ERROR, 5).answers(ok());
        callTimes(adapter, "m", 5);

        clock.advance(PAST_OPEN_PERIOD);
        UpstreamResult result = await(adapter.complete(request("m")));

        assertThat(upstream.calls()).isEqualTo(6);
        assertThat(result.isSuccess()).isTrue();
        assertThat(adapter.guardFor("m").snapshot().breakerState()).isEqualTo("half_open");
    }

    @Test
    void threeSuccessfulTrialCallsCloseTheBreaker() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries());
        upstream.fails(Failure.SERVER_ERROR, 5).answers(ok());
        callTimes(adapter, "m", 5);
        clock.advance(PAST_OPEN_PERIOD);

        callTimes(adapter, "m", 3);

        assertThat(adapter.guardFor("m").snapshot().breakerState()).isEqualTo("closed");
    }

    @Test
    void aBreakerRejectionGivesItsBulkheadPlaceBack() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries().maxInFlight(1));
        upstream.fails(Failure.SERVER_ERROR, 5).answers(ok());
        callTimes(adapter, "m", 5);
        callTimes(adapter, "m", 3);

        clock.advance(PAST_OPEN_PERIOD);
        UpstreamResult trial = await(adapter.complete(request("m")));

        assertThat(trial.isSuccess()).isTrue();
        assertThat(adapter.guardFor("m").snapshot().inFlight()).isZero();
    }

    // --- retries ---

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"SERVER_ERROR", "TIMEOUT", "CONNECTION", "RATE_LIMITED"})
    void aRetriableFailureIsRetried(Failure kind) {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults());
        upstream.fails(kind, 2).answers(ok());

        UpstreamResult result = await(adapter.complete(request("m")));

        assertThat(result.isSuccess()).isTrue();
        assertThat(upstream.calls()).isEqualTo(3);
    }

    @Test
    void retriesStopAfterRetryMaxAttemptsCallsWithTheLastFailure() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().retryMaxAttempts(3));
        upstream.fails(Failure.SERVER_ERROR, 2).answers(failed(Failure.TIMEOUT));

        UpstreamResult result = await(adapter.complete(request("m")));

        assertThat(upstream.calls()).isEqualTo(3);
        assertThat(result.failure()).isEqualTo(Failure.TIMEOUT);
    }

    @Test
    void aRetryMaxAttemptsOfOneMeansNoRetry() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries());
        upstream.fails(Failure.SERVER_ERROR, 1).answers(ok());

        UpstreamResult result = await(adapter.complete(request("m")));

        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"INVALID_REQUEST", "AUTH", "MODEL_NOT_FOUND", "MALFORMED"})
    void aFailureThatIsNotRetriableIsAnsweredAtOnce(Failure kind) {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults());
        upstream.fails(kind, 1).answers(ok());

        UpstreamResult result = await(adapter.complete(request("m")));

        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(result.failure()).isEqualTo(kind);
    }

    @Test
    void aRetryAfterFromTheUpstreamSetsTheWait() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().retryBackoffMs(1, 10_000).build(), recording);
        upstream.answers(failed(Failure.RATE_LIMITED, Duration.ofSeconds(2)), ok());

        UpstreamResult result = await(adapter.complete(request("m")));

        assertThat(result.isSuccess()).isTrue();
        assertThat(recording.delaysMs()).containsExactly(2_000L);
    }

    @Test
    void aRetryAfterLongerThanRetryMaxBackoffIsCapped() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().retryBackoffMs(1, 10_000).build(), recording);
        upstream.answers(failed(Failure.SERVER_ERROR, Duration.ofMinutes(2)), ok());

        UpstreamResult result = await(adapter.complete(request("m")));

        assertThat(result.isSuccess()).isTrue();
        assertThat(recording.delaysMs()).containsExactly(10_000L);
    }

    @Test
    void withoutRetryAfterTheBackoffStartsAtTheInitialWaitAndDoublesWithJitter() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().retryBackoffMs(250, 10_000).build(), recording);
        upstream.fails(Failure.SERVER_ERROR, 2).answers(ok());

        await(adapter.complete(request("m")));

        assertThat(recording.delaysMs()).hasSize(2);
        assertThat(recording.delaysMs().get(0)).as("first wait: 250 ms ± 50 %").isBetween(125L, 375L);
        assertThat(recording.delaysMs().get(1)).as("second wait: 500 ms ± 50 %").isBetween(250L, 750L);
    }

    @Test
    void theBackoffNeverExceedsRetryMaxBackoff() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().retryMaxAttempts(5).retryBackoffMs(1_000, 1_500)
                .build(), recording);
        upstream.fails(Failure.CONNECTION, 4).answers(ok());

        await(adapter.complete(request("m")));

        assertThat(recording.delaysMs()).hasSize(4).allSatisfy(delay -> assertThat(delay).isBetween(500L, 1_500L));
    }

    @Test
    void aRetryIsNotSentThroughABreakerThatOpenedMeanwhile() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().retryMaxAttempts(3));
        upstream.fails(Failure.SERVER_ERROR, 6);
        await(adapter.complete(request("m")));

        UpstreamResult result = await(adapter.complete(request("m")));

        assertThat(upstream.calls()).as("3 calls, then 2 more until the 5th failure opens the breaker").isEqualTo(5);
        assertThat(result.failure()).isEqualTo(Failure.REJECTED);
    }

    @Test
    void anAdapterFutureThatFailsCountsAsAConnectionFailure() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries());
        upstream.then(sink -> CompletableFuture.failedFuture(new IllegalStateException("adapter bug")));

        UpstreamResult result = await(adapter.complete(request("m")));

        assertThat(result.failure()).isEqualTo(Failure.CONNECTION);
        assertThat(result.error().message()).contains("adapter bug");
    }

    // --- streams ---

    @Test
    void aStreamIsRetriedWhileNoChunkHasReachedTheCaller() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults());
        upstream.fails(Failure.SERVER_ERROR, 1).streamsAChunkThen(ok());
        List<ObjectNode> chunks = new CopyOnWriteArrayList<>();

        UpstreamResult result = await(adapter.stream(request("m"), chunks::add));

        assertThat(result.isSuccess()).isTrue();
        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(chunks).hasSize(1);
    }

    @Test
    void aStreamIsNotRetriedOnceAChunkHasReachedTheCaller() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults());
        upstream.streamsAChunkThen(failed(Failure.SERVER_ERROR)).answers(ok());
        List<ObjectNode> chunks = new CopyOnWriteArrayList<>();

        UpstreamResult result = await(adapter.stream(request("m"), chunks::add));

        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(chunks).hasSize(1);
    }

    // --- bulkhead ---

    @Test
    void theBulkheadRejectsACallWhenMaxInFlightCallsAreUnderWay() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().maxInFlight(2));
        upstream.hangs(2).answers(ok());
        adapter.complete(request("m"));
        adapter.complete(request("m"));

        CompletableFuture<UpstreamResult> third = adapter.complete(request("m"));

        assertThat(third).isDone();
        UpstreamResult result = third.join();
        assertThat(result.failure()).isEqualTo(Failure.REJECTED);
        assertThat(result.error().status()).isEqualTo(503);
        assertThat(result.error().message()).contains("2 calls in flight");
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void aFinishedCallFreesItsBulkheadPlace() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().maxInFlight(2));
        upstream.hangs(2).answers(ok());
        CompletableFuture<UpstreamResult> first = adapter.complete(request("m"));
        adapter.complete(request("m"));

        upstream.hanging().get(0).complete(ok());
        UpstreamResult next = await(adapter.complete(request("m")));

        assertThat(first).isCompletedWithValueMatching(UpstreamResult::isSuccess);
        assertThat(next.isSuccess()).isTrue();
        assertThat(upstream.calls()).isEqualTo(3);
    }

    @Test
    void aFailedCallFreesItsBulkheadPlaceToo() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries().maxInFlight(1));
        upstream.hangs(1).answers(ok());
        adapter.complete(request("m"));

        upstream.hanging().get(0).complete(failed(Failure.INVALID_REQUEST));
        UpstreamResult next = await(adapter.complete(request("m")));

        assertThat(next.isSuccess()).isTrue();
    }

    @Test
    void aCallHoldsItsBulkheadPlaceWhileItWaitsForARetry() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().maxInFlight(1).retryBackoffMs(60_000, 60_000));
        upstream.fails(Failure.SERVER_ERROR, 1).answers(ok());
        CompletableFuture<UpstreamResult> waitingForRetry = adapter.complete(request("m"));

        UpstreamResult second = await(adapter.complete(request("m")));

        assertThat(waitingForRetry).isNotDone();
        assertThat(second.failure()).isEqualTo(Failure.REJECTED);
        assertThat(upstream.calls()).isEqualTo(1);
    }

    // --- guards per model or per provider ---

    @Test
    void perModelGuardsAreSeparate() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries().perModel(true));
        upstream.fails(Failure.SERVER_ERROR, 5).answers(ok());
        callTimes(adapter, "a", 5);

        UpstreamResult other = await(adapter.complete(request("b")));

        assertThat(other.isSuccess()).isTrue();
        assertThat(adapter.guardFor("a").snapshot().breakerState()).isEqualTo("open");
        assertThat(adapter.guardFor("b").snapshot().breakerState()).isEqualTo("closed");
    }

    @Test
    void withoutPerModelAllModelsShareOneGuard() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries());
        upstream.fails(Failure.SERVER_ERROR, 5).answers(ok());
        callTimes(adapter, "a", 5);

        UpstreamResult other = await(adapter.complete(request("b")));

        assertThat(other.failure()).isEqualTo(Failure.REJECTED);
        assertThat(adapter.guardFor("b")).isSameAs(adapter.guardFor("a"));
    }

    @Test
    void perModelBulkheadsAreSeparate() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().perModel(true).maxInFlight(1));
        upstream.hangs(1).answers(ok());
        adapter.complete(request("a"));

        UpstreamResult other = await(adapter.complete(request("b")));

        assertThat(other.isSuccess()).isTrue();
    }

    @Test
    void guardsAreNamedByProviderOrByProviderAndModel() {
        ResilientAdapter shared = adapter(ResilienceSettings.defaults());
        ResilientAdapter perModel = adapter(ResilienceSettings.defaults().perModel(true));

        assertThat(shared.guardFor("m").snapshot().name()).isEqualTo("p");
        assertThat(perModel.guardFor("m").snapshot().name()).isEqualTo("p/m");
    }

    @Test
    void guardsListsEveryGuardUsedSoFar() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().perModel(true));
        await(adapter.complete(request("a")));
        await(adapter.complete(request("b")));

        assertThat(adapter.guards()).extracting(g -> g.snapshot().name()).containsExactlyInAnyOrder("p/a", "p/b");
    }

    // --- snapshot ---

    @Test
    void snapshotCountsCallsInFlight() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults());
        upstream.hangs(2);
        adapter.complete(request("m"));
        adapter.complete(request("m"));
        upstream.hanging().get(1).complete(ok());

        assertThat(adapter.guardFor("m").snapshot().inFlight()).isEqualTo(1);
    }

    @Test
    void snapshotReportsTheBreakerAndTheRates() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries());
        for (int i = 0; i < 5; i++) {
            upstream.answers(failed(Failure.SERVER_ERROR), ok(), failed(Failure.RATE_LIMITED), ok());
        }
        callTimes(adapter, "m", 20);

        ProviderGuard.Snapshot snapshot = adapter.guardFor("m").snapshot();

        assertThat(snapshot.breakerState()).isEqualTo("closed");
        assertThat(snapshot.errorRate()).as("429s do not count against the provider").isEqualTo(0.25);
        assertThat(snapshot.rateLimitedRate()).isStrictlyBetween(0.0, 1.0);
        assertThat(snapshot.latencyMs()).isEqualTo(10.0);
        assertThat(snapshot.inFlight()).isZero();
    }

    // --- settings the configuration accepts ---

    @Test
    void anAdapterThatThrowsInsteadOfAnsweringStillFreesItsBulkheadPlace() {
        ResilientAdapter adapter = adapter(ResilienceSettings.defaults().noRetries().maxInFlight(1));
        upstream.then(sink -> {
            throw new IllegalStateException("adapter bug");
        }).answers(ok());

        UpstreamResult failedCall = await(adapter.complete(request("m")));
        UpstreamResult next = await(adapter.complete(request("m")));

        assertThat(failedCall.failure()).isEqualTo(Failure.CONNECTION);
        assertThat(next.isSuccess()).isTrue();
    }
}
