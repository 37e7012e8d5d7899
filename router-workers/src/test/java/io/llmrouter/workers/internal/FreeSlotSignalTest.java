package io.llmrouter.workers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class FreeSlotSignalTest {

    private final AtomicInteger wakeUps = new AtomicInteger();
    private final FreeSlotSignal signal = new FreeSlotSignal(wakeUps::incrementAndGet);

    @Test
    void aCallEndingWhileNoWorkWaitsDoesNotWakeTheLoop() {
        signal.awaitSlot(() -> false);

        signal.callEnded();

        assertThat(wakeUps).hasValue(0);
    }

    @Test
    void aCallEndingWhileWorkWaitsWakesTheLoop() {
        signal.awaitSlot(() -> true);

        signal.callEnded();

        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void workStartedOnTheSecondLookNeedsNoWakeUp() {
        AtomicInteger looks = new AtomicInteger();

        signal.awaitSlot(() -> looks.incrementAndGet() == 1);
        signal.callEnded();

        assertThat(looks).hasValue(2);
        assertThat(wakeUps).hasValue(0);
    }

    @Test
    void theLoopLooksAgainAfterRaisingTheFlag() {
        AtomicInteger looks = new AtomicInteger();

        signal.awaitSlot(() -> looks.incrementAndGet() < 10);

        assertThat(looks).hasValue(2);
        signal.callEnded();
        assertThat(wakeUps).hasValue(1);
    }
}
