package io.llmrouter.workers.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.schemas.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of one provider's pool: takes work records, keeps at most {@code concurrency}
 * upstream calls in flight, and commits an offset only after the records before it are answered.
 */
public final class ProviderWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderWorker.class);

    private final String provider;
    private final Consumer<String, byte[]> consumer;
    private final WorkHandler handler;
    private final int concurrency;
    private final OffsetTracker tracker = new OffsetTracker();
    private final Queue<ConsumerRecord<String, byte[]>> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean paused;

    public ProviderWorker(String provider, Consumer<String, byte[]> consumer, WorkHandler handler, int concurrency) {
        this.provider = provider;
        this.consumer = consumer;
        this.handler = handler;
        this.concurrency = concurrency;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.workTopic(provider)), new Rebalance());
            while (running.get()) {
                pollOnce();
            }
            drainFinished();
            commit(tracker.drainCommittable());
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Worker for {} stopped on an error", provider, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                tracker.started(partition, record.offset());
                handler.handle(record).whenComplete((ignored, error) -> {
                    finished.add(record);
                    if (paused) {
                        consumer.wakeup();
                    }
                });
            }
        } catch (WakeupException e) {
            if (!running.get()) {
                throw e;
            }
        }
        drainFinished();
        commit(tracker.drainCommittable());
        applyBackpressure();
    }

    private void drainFinished() {
        ConsumerRecord<String, byte[]> record;
        while ((record = finished.poll()) != null) {
            tracker.finished(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
    }

    private void applyBackpressure() {
        boolean full = tracker.inFlight() >= concurrency;
        if (full && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (!full && paused) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    LOG.warn("Offset commit for {} failed; the records will be served again: {}", provider, error.getMessage());
                }
            });
        }
    }

    /** Stops polling, commits what is finished and closes the consumer. */
    public void stop() {
        running.set(false);
        consumer.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commits finished work before partitions move to another worker, and re-applies the pause after. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drainFinished();
            Map<TopicPartition, OffsetAndMetadata> offsets = tracker.drainCommittable();
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
            }
            partitions.forEach(tracker::forget);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
        }
    }
}
