package io.llmrouter.workers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {

    private final InFlightCalls calls = new InFlightCalls();
    private final PartitionOwnership p0 = new PartitionOwnership(new TopicPartition("llm.work.sim.normal", 0));
    private final PartitionOwnership p1 = new PartitionOwnership(new TopicPartition("llm.work.sim.normal", 1));

    @Test
    void countsCallsPerOwnershipAndInTotal() {
        calls.started(p0);
        calls.started(p0);
        calls.started(p1);
        calls.ended(p0);

        assertThat(calls.total()).isEqualTo(2);
        assertThat(calls.on(List.of(p0))).isEqualTo(1);
        assertThat(calls.on(List.of(p1))).isEqualTo(1);
    }

    @Test
    void waitForOwnershipsWithoutCallsEndsAtOnce() throws InterruptedException {
        calls.started(p1);

        assertThat(calls.awaitNone(List.of(p0), Duration.ZERO)).isTrue();
    }

    @Test
    void waitGivesUpWhenItsTimeIsOverAndSaysSo() throws InterruptedException {
        calls.started(p0);

        assertThat(calls.awaitNone(List.of(p0), Duration.ZERO)).isFalse();
    }
}
