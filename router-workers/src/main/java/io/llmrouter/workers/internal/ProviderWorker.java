package io.llmrouter.workers.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.schemas.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of one provider's pool: fetches work most urgent first, keeps at most
 * {@code concurrency} upstream calls in flight, and writes each finished record's outcome together
 * with its offset in one Kafka transaction, so a crash neither loses a request nor answers it twice
 * (for readers with {@code isolation.level=read_committed}).
 */
public final class ProviderWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderWorker.class);
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(30);

    private record Finished(ConsumerRecord<String, byte[]> record, List<ProducerRecord<String, byte[]>> outputs) {
    }

    private final String provider;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final WorkHandler handler;
    private final int concurrency;
    private final OffsetTracker tracker = new OffsetTracker();
    private final PriorityBacklog backlog;
    private final Map<TopicPartition, Integer> inFlight = new HashMap<>();
    private final Map<TopicPartition, Set<Long>> doneBeforeAssignment = new HashMap<>();
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public ProviderWorker(String provider, Consumer<String, byte[]> consumer, Producer<String, byte[]> transactionalProducer,
                          WorkHandler handler, int concurrency) {
        this.provider = provider;
        this.consumer = consumer;
        this.producer = transactionalProducer;
        this.handler = handler;
        this.concurrency = concurrency;
        this.backlog = new PriorityBacklog(concurrency);
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(Topics.workTopics(provider), new Rebalance());
            while (running.get()) {
                pollOnce();
            }
            publishFinished();
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.error("Worker for {} woken up unexpectedly", provider, e);
            }
        } catch (RuntimeException e) {
            LOG.error("Worker for {} stopped on an error; unfinished work will be served again", provider, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            producer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                TopicPartition partition = partition(record);
                tracker.started(partition, record.offset());
                Set<Long> done = doneBeforeAssignment.get(partition);
                if (done != null && done.remove(record.offset())) {
                    // Its outcome is already committed by an earlier owner; only its offset is left to move.
                    tracker.finished(partition, record.offset());
                } else {
                    backlog.add(record);
                }
            }
        } catch (WakeupException e) {
            if (!running.get()) {
                throw e;
            }
        }
        // New work starts before the commit below, which takes milliseconds: a call never waits for it.
        dispatch();
        publishFinished();
        dispatch();
        applyFlowControl();
    }

    private void dispatch() {
        while (inFlightTotal() < concurrency && backlog.size() > 0) {
            ConsumerRecord<String, byte[]> record = backlog.next();
            inFlight.merge(partition(record), 1, Integer::sum);
            handler.handle(record).thenAccept(outputs -> {
                finished.add(new Finished(record, outputs));
                consumer.wakeup();
            });
        }
    }

    /** Writes every finished record's outcome and its offset in one transaction. */
    private void publishFinished() {
        if (finished.isEmpty() && !tracker.hasChanges()) {
            return;
        }
        producer.beginTransaction();
        Finished done;
        while ((done = finished.poll()) != null) {
            done.outputs().forEach(producer::send);
            TopicPartition partition = partition(done.record());
            inFlight.computeIfPresent(partition, (p, n) -> n > 1 ? n - 1 : null);
            tracker.finished(partition, done.record().offset());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.drainCommittable();
        if (!offsets.isEmpty()) {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        }
        producer.commitTransaction();
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

    private int inFlightTotal() {
        int total = 0;
        for (int count : inFlight.values()) {
            total += count;
        }
        return total;
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** Stops fetching, writes what has finished and closes the clients. */
    public void stop() {
        running.set(false);
        consumer.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Before partitions move away: finish and write the work already started on them, drop the rest. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            backlog.forget(partitions);
            long deadline = System.nanoTime() + REVOKE_WAIT.toNanos();
            while (partitions.stream().anyMatch(inFlight::containsKey) && System.nanoTime() < deadline) {
                publishFinished();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            publishFinished();
            partitions.forEach(tracker::forget);
            partitions.forEach(doneBeforeAssignment::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.committed(new HashSet<>(partitions)).forEach((partition, committed) -> {
                Set<Long> done = OffsetTracker.finishedBeyond(committed);
                if (!done.isEmpty()) {
                    doneBeforeAssignment.put(partition, done);
                }
            });
            applyFlowControl();
        }
    }
}
