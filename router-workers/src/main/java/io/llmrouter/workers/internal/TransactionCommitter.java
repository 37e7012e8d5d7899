package io.llmrouter.workers.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes finished work from a thread of its own, so the consumer thread never waits for a commit: each
 * transaction carries the outcomes of every record finished since the previous one, with the offsets
 * of their partitions that the {@link OffsetTracker} says are safe (exactly-once for {@code read_committed}
 * readers).
 *
 * <p>Group commit: a record a reader waits for (a reply not sent early, a failover hand-back) starts a
 * transaction as soon as the previous one has returned, so an idle worker commits it at once and a busy one
 * covers many with one commit. Records whose callers already have their answer wait up to the commit
 * interval, so a steady stream of early-answered calls costs a few transactions a second instead of one per
 * call. Offsets go with the group metadata the consumer thread handed over last; a transaction that fails
 * (say, its generation is gone) is aborted, so nothing of it becomes visible, and retried with what is still
 * owned.
 */
public final class TransactionCommitter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionCommitter.class);
    /** Attempts at one batch before the committer gives up and the worker stops. */
    static final int MAX_ATTEMPTS = 5;

    /**
     * One finished record: what it leads to, written together with its offset.
     *
     * @param awaited whether a reader waits for this transaction (false once the caller has its answer)
     */
    public record Outcome(PartitionOwnership owner, long offset, List<ProducerRecord<String, byte[]>> outputs,
                          boolean awaited) {
    }

    private record Batch(List<Outcome> outcomes, Map<TopicPartition, OffsetAndMetadata> offsets,
                         ConsumerGroupMetadata metadata, List<CompletableFuture<Void>> flushes, int attempts) {
    }

    private final Producer<String, byte[]> producer;
    private final OffsetTracker tracker;
    private final Clock clock;
    private final long intervalMs;
    private final Object lock = new Object();
    private final List<Outcome> queued = new ArrayList<>();
    private final List<CompletableFuture<Void>> flushes = new ArrayList<>();
    private boolean awaitedQueued;
    private long lastCommitAt = Long.MIN_VALUE / 2;
    private ConsumerGroupMetadata metadata;
    private Batch retry;
    private boolean retryDue;
    private boolean closing;
    private volatile RuntimeException failure;

    /**
     * The producer must have had {@code initTransactions()}; the tracker is shared with the consumer thread.
     *
     * @param intervalMs the least time between transactions that nobody waits for
     */
    public TransactionCommitter(Producer<String, byte[]> transactionalProducer, OffsetTracker tracker, Clock clock,
                                long intervalMs) {
        this.producer = transactionalProducer;
        this.tracker = tracker;
        this.clock = clock;
        this.intervalMs = intervalMs;
    }

    /** The consumer's group metadata, handed over after every poll; offsets are committed under the latest. */
    public void groupMetadata(ConsumerGroupMetadata latest) {
        synchronized (lock) {
            metadata = latest;
            if (retry != null) {
                retryDue = true;
                lock.notifyAll();
            }
        }
    }

    /** Hands over a finished record; dropped when its partition is being given up or is gone. */
    public void finished(Outcome outcome) {
        synchronized (lock) {
            if (outcome.owner().state() == PartitionOwnership.State.OWNED && failure == null) {
                boolean firstQueued = queued.isEmpty();
                queued.add(outcome);
                awaitedQueued |= outcome.awaited();
                // Only these change when a transaction is due; otherwise the committer already waits for the
                // interval to end, and waking it for every answered call costs a thread switch each.
                if (firstQueued || outcome.awaited()) {
                    lock.notifyAll();
                }
            }
        }
    }

    /**
     * Starts giving these partitions up: outcomes handed over so far are committed, later ones dropped.
     *
     * @return completes once everything handed over before this call is committed or aborted
     */
    public CompletableFuture<Void> flush(Collection<PartitionOwnership> owners) {
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        synchronized (lock) {
            owners.forEach(owner -> owner.moveTo(PartitionOwnership.State.DRAINING));
            if (failure != null) {
                flushed.complete(null);
            } else {
                flushes.add(flushed);
                lock.notifyAll();
            }
        }
        return flushed;
    }

    /** These partitions are given up: nothing more is written for them, even what a failed transaction held. */
    public void release(Collection<PartitionOwnership> owners) {
        synchronized (lock) {
            owners.forEach(owner -> owner.moveTo(PartitionOwnership.State.RELEASED));
        }
    }

    /** The error that stopped the committer, or null while it works. */
    public RuntimeException failure() {
        return failure;
    }

    /**
     * Whether a transaction is due: a reader waits for something queued, partitions are being given up, a failed
     * batch can be retried, or finished work has waited the commit interval.
     */
    public boolean due() {
        synchronized (lock) {
            return millisUntilDue() == 0;
        }
    }

    /** Commits one batch if there is anything to write; returns whether there was. Runs on the committer thread. */
    public boolean commitNext() {
        Batch batch;
        synchronized (lock) {
            batch = take();
        }
        if (batch == null) {
            return false;
        }
        try {
            if (!batch.outcomes().isEmpty() || !batch.offsets().isEmpty()) {
                write(batch);
            }
        } finally {
            batch.flushes().forEach(flushed -> flushed.complete(null));
        }
        return true;
    }

    /** Commits until closed; a failure it cannot recover from stops it and is kept for the consumer thread. */
    @Override
    public void run() {
        try {
            while (awaitWork()) {
                commitNext();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Transaction committer stopped; unfinished work will be served again", e);
            synchronized (lock) {
                failure = e;
                queued.clear();
                flushes.forEach(flushed -> flushed.complete(null));
                flushes.clear();
            }
        }
    }

    /** Stops after the transaction under way; anything still queued belongs to partitions already given up. */
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
    }

    private boolean awaitWork() throws InterruptedException {
        synchronized (lock) {
            long wait = millisUntilDue();
            while (!closing && wait != 0) {
                lock.wait(Math.max(wait, 0));
                wait = millisUntilDue();
            }
            return !closing;
        }
    }

    /** 0 when a transaction is due, the time until one is otherwise, or -1 when there is nothing to write. */
    private long millisUntilDue() {
        if (awaitedQueued || !flushes.isEmpty() || (retry != null && retryDue)) {
            return 0;
        }
        if (queued.isEmpty()) {
            return -1;
        }
        return Math.max(0, lastCommitAt + intervalMs - clock.millis());
    }

    /** Everything finished since the last batch, with the offsets it makes safe; null when there is nothing. */
    private Batch take() {
        if (queued.isEmpty() && flushes.isEmpty() && retry == null) {
            return null;
        }
        List<Outcome> outcomes = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        int attempts = 0;
        if (retry != null) {
            retry.outcomes().stream().filter(TransactionCommitter::stillWritable).forEach(outcomes::add);
            retry.offsets().forEach((partition, offset) -> {
                if (outcomes.stream().anyMatch(o -> o.owner().partition().equals(partition))) {
                    offsets.put(partition, offset);
                }
            });
            attempts = retry.attempts();
            retry = null;
            retryDue = false;
        }
        for (Outcome outcome : queued) {
            // A partition forgotten by the tracker was given up: its record is served again by the next owner.
            if (stillWritable(outcome) && tracker.finished(outcome.owner().partition(), outcome.offset())) {
                outcomes.add(outcome);
            }
        }
        queued.clear();
        awaitedQueued = false;
        lastCommitAt = clock.millis();
        // Later offsets of a partition cover everything its earlier ones did.
        offsets.putAll(tracker.drainCommittable());
        List<CompletableFuture<Void>> covered = new ArrayList<>(flushes);
        flushes.clear();
        return new Batch(outcomes, offsets, metadata, covered, attempts);
    }

    private static boolean stillWritable(Outcome outcome) {
        return outcome.owner().state() != PartitionOwnership.State.RELEASED;
    }

    private void write(Batch batch) {
        try {
            producer.beginTransaction();
            for (Outcome outcome : batch.outcomes()) {
                outcome.outputs().forEach(producer::send);
            }
            if (!batch.offsets().isEmpty()) {
                producer.sendOffsetsToTransaction(batch.offsets(), batch.metadata());
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | UnsupportedVersionException e) {
            throw e;
        } catch (KafkaException e) {
            producer.abortTransaction();
            int attempts = batch.attempts() + 1;
            if (attempts >= MAX_ATTEMPTS) {
                throw new IllegalStateException("Gave up on a transaction after " + attempts + " attempts", e);
            }
            LOG.warn("Transaction of {} outcomes aborted ({}); retrying with what is still owned",
                    batch.outcomes().size(), e.toString());
            synchronized (lock) {
                retry = new Batch(batch.outcomes(), batch.offsets(), null, List.of(), attempts);
            }
        }
    }
}
