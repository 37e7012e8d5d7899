package io.llmrouter.workers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.llmrouter.testsupport.MutableClock;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How finished work reaches Kafka: in transactions with its offsets, off the consumer thread. */
class TransactionCommitterTest {

    private static final String GROUP = "llm-workers-sim";
    private static final TopicPartition P0 = new TopicPartition("llm.work.sim.normal", 0);
    private static final TopicPartition P1 = new TopicPartition("llm.work.sim.normal", 1);
    private static final long INTERVAL_MS = 100;

    /** A mock producer that also remembers the group metadata each offset commit went with. */
    private static final class RecordingProducer extends MockProducer<String, byte[]> {
        final List<ConsumerGroupMetadata> offsetMetadata = new ArrayList<>();

        RecordingProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             ConsumerGroupMetadata groupMetadata) {
            offsetMetadata.add(groupMetadata);
            super.sendOffsetsToTransaction(offsets, groupMetadata);
        }
    }

    private final RecordingProducer producer = new RecordingProducer();
    private final OffsetTracker tracker = new OffsetTracker();
    private final MutableClock clock = new MutableClock();
    private final TransactionCommitter committer = new TransactionCommitter(producer, tracker, clock, INTERVAL_MS);
    private final PartitionOwnership owner0 = new PartitionOwnership(P0);
    private final PartitionOwnership owner1 = new PartitionOwnership(P1);

    @BeforeEach
    void start() {
        producer.initTransactions();
        committer.groupMetadata(generation(1));
    }

    private static ConsumerGroupMetadata generation(int generation) {
        return new ConsumerGroupMetadata(GROUP, generation, "member-1", java.util.Optional.empty());
    }

    private void finish(PartitionOwnership owner, long offset) {
        finish(owner, offset, true);
    }

    private void finish(PartitionOwnership owner, long offset, boolean awaited) {
        committer.finished(new TransactionCommitter.Outcome(owner, offset,
                List.of(new ProducerRecord<>("llm.replies.b1", "r" + offset, new byte[] {1})), awaited));
    }

    private void take(TopicPartition partition, long... offsets) {
        for (long offset : offsets) {
            tracker.started(partition, offset);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
        producer.consumerGroupOffsetsHistory().forEach(commit -> offsets.putAll(commit.get(GROUP)));
        return offsets;
    }

    private List<String> committedKeys() {
        return producer.history().stream().map(ProducerRecord::key).toList();
    }

    @Test
    void everythingFinishedSinceTheLastCommitGoesOutInOneTransactionWithItsOffsets() {
        take(P0, 10, 11);
        take(P1, 7);
        finish(owner0, 10);
        finish(owner0, 11);
        finish(owner1, 7);

        assertThat(committer.commitNext()).isTrue();

        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(committedKeys()).containsExactly("r10", "r11", "r7");
        assertThat(committedOffsets()).containsEntry(P0, new OffsetAndMetadata(12)).containsEntry(P1, new OffsetAndMetadata(8));
    }

    @Test
    void recordFinishedAheadOfASlowerOneIsCommittedAsDoneBeyondTheOffset() {
        take(P0, 10, 11);
        finish(owner0, 11);

        committer.commitNext();

        OffsetAndMetadata committed = committedOffsets().get(P0);
        assertThat(committed.offset()).isEqualTo(10);
        assertThat(OffsetTracker.finishedBeyond(committed)).containsExactly(11L);
    }

    @Test
    void offsetsGoWithTheGroupMetadataHandedOverLast() {
        take(P0, 1);
        committer.groupMetadata(generation(2));
        finish(owner0, 1);

        committer.commitNext();

        assertThat(producer.offsetMetadata).containsExactly(generation(2));
    }

    /** Record 1 of P0 is committed, so the commit interval counts from now. */
    private void afterOneCommit() {
        take(P0, 1);
        finish(owner0, 1);
        committer.commitNext();
    }

    @Test
    void recordAReaderWaitsForIsDueAtOnce() {
        afterOneCommit();
        take(P0, 2);
        finish(owner0, 2, true);

        assertThat(committer.due()).isTrue();
    }

    @Test
    void recordsAlreadyAnsweredWaitForTheCommitIntervalSinceTheLastTransaction() {
        afterOneCommit();
        take(P0, 2);
        finish(owner0, 2, false);

        assertThat(committer.due()).isFalse();
        clock.advance(Duration.ofMillis(INTERVAL_MS - 1));
        assertThat(committer.due()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(committer.due()).isTrue();
    }

    @Test
    void recordAReaderWaitsForTakesTheAnsweredOnesAlong() {
        afterOneCommit();
        take(P0, 2, 3);
        finish(owner0, 2, false);
        finish(owner0, 3, true);

        assertThat(committer.due()).isTrue();
        committer.commitNext();
        assertThat(committedKeys()).containsExactly("r1", "r2", "r3");
    }

    @Test
    void givingPartitionsUpIsDueAtOnceEvenForAnsweredRecords() {
        afterOneCommit();
        take(P0, 2);
        finish(owner0, 2, false);

        committer.flush(List.of(owner0));

        assertThat(committer.due()).isTrue();
    }

    @Test
    void nothingQueuedIsNeverDue() {
        clock.advance(Duration.ofMillis(INTERVAL_MS * 10));

        assertThat(committer.due()).isFalse();
    }

    @Test
    void nothingFinishedStartsNoTransaction() {
        assertThat(committer.commitNext()).isFalse();

        assertThat(producer.transactionInFlight()).isFalse();
        assertThat(producer.commitCount()).isZero();
    }

    @Test
    void flushCommitsWhatWasHandedOverBeforeIt() {
        take(P0, 3);
        finish(owner0, 3);
        CompletableFuture<Void> flushed = committer.flush(List.of(owner0));

        assertThat(flushed).isNotDone();
        committer.commitNext();

        assertThat(flushed).isCompleted();
        assertThat(committedKeys()).containsExactly("r3");
        assertThat(committedOffsets()).containsEntry(P0, new OffsetAndMetadata(4));
    }

    @Test
    void flushWithNothingToWriteCompletesWithoutATransaction() {
        CompletableFuture<Void> flushed = committer.flush(List.of(owner0));

        committer.commitNext();

        assertThat(flushed).isCompleted();
        assertThat(producer.commitCount()).isZero();
    }

    @Test
    void outcomeHandedOverWhileItsPartitionIsGivenUpIsDropped() {
        take(P0, 3);
        committer.flush(List.of(owner0));
        finish(owner0, 3);

        committer.commitNext();

        assertThat(committedKeys()).isEmpty();
        assertThat(committedOffsets()).isEmpty();
    }

    @Test
    void recordOfAPartitionTheTrackerForgotIsNeverWritten() {
        take(P0, 3);
        finish(owner0, 3);
        tracker.forget(P0);

        committer.commitNext();

        assertThat(committedKeys()).isEmpty();
    }

    @Test
    void failedTransactionIsAbortedAndRetriedWithTheNextGroupMetadata() {
        take(P0, 5);
        finish(owner0, 5);
        producer.sendOffsetsToTransactionException = new CommitFailedException("generation is gone");

        committer.commitNext();

        assertThat(producer.transactionAborted()).isTrue();
        assertThat(committedKeys()).isEmpty();

        producer.sendOffsetsToTransactionException = null;
        committer.groupMetadata(generation(2));
        committer.commitNext();

        assertThat(committedKeys()).containsExactly("r5");
        assertThat(committedOffsets()).containsEntry(P0, new OffsetAndMetadata(6));
        assertThat(producer.offsetMetadata).last().isEqualTo(generation(2));
    }

    @Test
    void retryCarriesWhatFinishedSinceWithIt() {
        take(P0, 5, 6);
        finish(owner0, 5);
        producer.commitTransactionException = new CommitFailedException("generation is gone");
        committer.commitNext();
        producer.commitTransactionException = null;

        finish(owner0, 6);
        committer.commitNext();

        assertThat(committedKeys()).containsExactly("r5", "r6");
        assertThat(committedOffsets()).containsEntry(P0, new OffsetAndMetadata(7));
    }

    @Test
    void abortedOutcomesOfAPartitionGivenUpAreNeverWritten() {
        take(P0, 5);
        take(P1, 9);
        finish(owner0, 5);
        finish(owner1, 9);
        producer.commitTransactionException = new CommitFailedException("generation is gone");
        committer.commitNext();
        producer.commitTransactionException = null;

        committer.release(List.of(owner0));
        committer.commitNext();

        assertThat(committedKeys()).containsExactly("r9");
        assertThat(committedOffsets()).containsOnlyKeys(P1);
    }

    @Test
    void givesUpAfterRepeatedFailures() {
        take(P0, 5);
        finish(owner0, 5);
        producer.commitTransactionException = new CommitFailedException("still refused");
        for (int attempt = 1; attempt < TransactionCommitter.MAX_ATTEMPTS; attempt++) {
            committer.commitNext();
        }

        assertThatThrownBy(committer::commitNext).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fencedProducerStopsTheCommitterAndItsFlushesComplete() {
        take(P0, 5);
        finish(owner0, 5);
        producer.fenceProducer();
        CompletableFuture<Void> flushed = committer.flush(List.of(owner1));

        committer.run();

        assertThat(committer.failure()).isInstanceOf(ProducerFencedException.class);
        assertThat(flushed).isCompleted();
        assertThat(committer.flush(List.of(owner1))).isCompleted();
    }
}
