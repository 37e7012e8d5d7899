package io.llmrouter.workers.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.schemas.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of one provider's pool: fetches work most urgent first and keeps at most
 * {@code concurrency} upstream calls in flight. Each finished record's outcome goes to a
 * {@link TransactionCommitter}, which writes it with the record's offset in one Kafka transaction on a
 * thread of its own, so a crash neither loses a request nor answers it twice (for readers with
 * {@code isolation.level=read_committed}), and this loop never waits for a commit.
 */
public final class ProviderWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderWorker.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a rebalance waits for calls on the partitions moving away; later outcomes are dropped. */
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(10);
    /** How long a stopping worker lets its calls finish; the group serves what is left again. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);
    /** How long giving partitions up waits for the commit of what finished on them. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(15);

    private final String provider;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final WorkHandler handler;
    private final int concurrency;
    private final OffsetTracker tracker = new OffsetTracker();
    private final TransactionCommitter committer;
    private final InFlightCalls calls = new InFlightCalls();
    private final PriorityBacklog backlog;
    private final Map<TopicPartition, PartitionOwnership> owned = new HashMap<>();
    private final Map<TopicPartition, Set<Long>> doneBeforeAssignment = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final FreeSlotSignal freeSlot;
    private volatile boolean stopping;

    public ProviderWorker(String provider, Consumer<String, byte[]> consumer, Producer<String, byte[]> transactionalProducer,
                          WorkHandler handler, int concurrency, Clock clock, long commitIntervalMs) {
        this.provider = provider;
        this.consumer = consumer;
        this.producer = transactionalProducer;
        this.handler = handler;
        this.concurrency = concurrency;
        this.backlog = new PriorityBacklog(concurrency);
        this.committer = new TransactionCommitter(transactionalProducer, tracker, clock, commitIntervalMs);
        this.freeSlot = new FreeSlotSignal(() -> {
            if (running.get()) {
                consumer.wakeup();
            }
        });
    }

    @Override
    public void run() {
        Thread commitThread = null;
        try {
            producer.initTransactions();
            commitThread = new Thread(committer, "worker-" + provider + "-commit");
            commitThread.start();
            consumer.subscribe(Topics.workTopics(provider), new Rebalance());
            while (running.get()) {
                pollOnce();
            }
            // Calls that finish now are committed when the consumer gives its partitions up below.
            calls.awaitNone(List.copyOf(owned.values()), SHUTDOWN_WAIT);
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.error("Worker for {} woken up unexpectedly", provider, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Worker for {} stopped on an error; unfinished work will be served again", provider, e);
        } finally {
            stopping = true;
            running.set(false);
            consumer.close(Duration.ofSeconds(5));
            committer.close();
            join(commitThread);
            producer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = partition(record);
                tracker.started(partition, record.offset());
                Set<Long> done = doneBeforeAssignment.get(partition);
                if (done != null && done.remove(record.offset())) {
                    // Its outcome is already committed by an earlier owner; only its offset is left to move.
                    committer.finished(new TransactionCommitter.Outcome(owned.get(partition), record.offset(), List.of(),
                            false));
                } else {
                    backlog.add(record);
                }
            }
        } catch (WakeupException e) {
            // A slot freed up for waiting work, or the worker is stopping: either way the loop goes on from here.
        }
        // A poll that completed a rebalance changed the generation: offsets must go with the new one.
        committer.groupMetadata(consumer.groupMetadata());
        if (committer.failure() != null) {
            throw new IllegalStateException("The transaction committer stopped", committer.failure());
        }
        freeSlot.awaitSlot(this::dispatch);
        applyFlowControl();
    }

    /** Starts waiting work while slots are free; true when work is still waiting. */
    private boolean dispatch() {
        while (calls.total() < concurrency && backlog.size() > 0) {
            ConsumerRecord<String, byte[]> record = backlog.next();
            PartitionOwnership owner = owned.get(partition(record));
            calls.started(owner);
            handler.handle(record).whenComplete((served, error) -> {
                if (served != null) {
                    // Handed over before the call counts as ended, so a rebalance waiting for it commits it.
                    committer.finished(new TransactionCommitter.Outcome(owner, record.offset(), served.outputs(),
                            served.awaited()));
                } else {
                    LOG.error("Serving {}-{}@{} failed; it is served again after a restart", record.topic(),
                            record.partition(), record.offset(), error);
                }
                calls.ended(owner);
                freeSlot.callEnded();
            });
        }
        return backlog.size() > 0;
    }

    private void applyFlowControl() {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> pause = backlog.toPause(assigned, p -> consumer.currentLag(p).orElse(0));
        Set<TopicPartition> resume = new HashSet<>(consumer.paused());
        resume.removeAll(pause);
        pause.removeAll(consumer.paused());
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(FLUSH_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the loop to stop: it lets calls in flight finish for a few seconds, commits them and closes the clients. */
    public void requestStop() {
        running.set(false);
        consumer.wakeup();
    }

    /** Waits until the loop has closed its clients. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Before partitions move away: finish and commit the work already started on them (within bounds), drop the rest. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            giveUp(partitions, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // The generation is gone: a commit would be refused, so nothing is written for these partitions.
            giveUp(partitions, false);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> owned.put(partition, new PartitionOwnership(partition)));
            committed(new HashSet<>(partitions)).forEach((partition, committed) -> {
                Set<Long> done = OffsetTracker.finishedBeyond(committed);
                if (!done.isEmpty()) {
                    doneBeforeAssignment.put(partition, done);
                }
            });
            applyFlowControl();
        }

        private void giveUp(Collection<TopicPartition> partitions, boolean commit) {
            backlog.forget(partitions);
            List<PartitionOwnership> owners = new ArrayList<>();
            partitions.forEach(partition -> {
                PartitionOwnership owner = owned.remove(partition);
                if (owner != null) {
                    owners.add(owner);
                }
            });
            if (commit) {
                try {
                    if (!stopping && !calls.awaitNone(owners, REVOKE_WAIT)) {
                        LOG.warn("{} calls on {} still in flight after {}; the next owner serves them again",
                                calls.on(owners), partitions, REVOKE_WAIT);
                    }
                    committer.flush(owners).get(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    // Not committed in time: if it commits later under a generation that is gone, the broker refuses it.
                    LOG.warn("Work finished on {} was not committed within {}", partitions, FLUSH_WAIT);
                }
            }
            committer.release(owners);
            partitions.forEach(tracker::forget);
            partitions.forEach(doneBeforeAssignment::remove);
        }

        /** The committed offsets; a wake-up meant for the poll must not lose them, or done records would run twice. */
        private Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
            while (true) {
                try {
                    return consumer.committed(partitions);
                } catch (WakeupException e) {
                    if (!running.get()) {
                        throw e;
                    }
                }
            }
        }
    }
}
