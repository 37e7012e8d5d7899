package io.llmrouter.workers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("llm.work.x.low", 0);
    private static final TopicPartition P1 = new TopicPartition("llm.work.x.low", 1);
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void recordFinishedAheadOfASlowerOneIsCommittedAsDoneInTheMetadata() {
        tracker.started(P0, 10);
        tracker.started(P0, 11);
        tracker.finished(P0, 11);

        OffsetAndMetadata commit = tracker.drainCommittable().get(P0);

        assertThat(commit.offset()).isEqualTo(10);
        assertThat(OffsetTracker.finishedBeyond(commit)).containsExactly(11L);
        assertThat(tracker.inFlight()).isEqualTo(1);
    }

    @Test
    void finishedPrefixIsCommittedAsTheNextOffsetToRead() {
        tracker.started(P0, 10);
        tracker.started(P0, 11);
        tracker.started(P0, 12);
        tracker.finished(P0, 10);
        tracker.finished(P0, 11);

        assertThat(tracker.drainCommittable()).containsEntry(P0, new OffsetAndMetadata(12));
        assertThat(tracker.inFlight()).isEqualTo(1);
    }

    @Test
    void whenEverythingIsFinishedNothingIsListedBeyondTheOffset() {
        tracker.started(P0, 5);
        tracker.started(P0, 6);
        tracker.finished(P0, 6);
        tracker.finished(P0, 5);

        OffsetAndMetadata commit = tracker.drainCommittable().get(P0);

        assertThat(commit.offset()).isEqualTo(7);
        assertThat(OffsetTracker.finishedBeyond(commit)).isEmpty();
    }

    @Test
    void nothingIsCommittedTwice() {
        tracker.started(P0, 5);
        tracker.finished(P0, 5);
        tracker.drainCommittable();

        assertThat(tracker.drainCommittable()).isEmpty();
        assertThat(tracker.hasChanges()).isFalse();
    }

    @Test
    void partitionsAreTrackedIndependently() {
        tracker.started(P0, 1);
        tracker.started(P1, 7);
        tracker.finished(P1, 7);

        assertThat(tracker.drainCommittable()).containsOnlyKeys(P1).containsEntry(P1, new OffsetAndMetadata(8));
    }

    @Test
    void forgottenPartitionIgnoresLateCompletions() {
        tracker.started(P0, 3);
        tracker.forget(P0);
        tracker.finished(P0, 3);

        assertThat(tracker.drainCommittable()).isEmpty();
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void commitsFromOtherToolsListNothingAsDone() {
        assertThat(OffsetTracker.finishedBeyond(new OffsetAndMetadata(4, "something else"))).isEmpty();
        assertThat(OffsetTracker.finishedBeyond(null)).isEmpty();
    }
}
