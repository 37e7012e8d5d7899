package io.llmrouter.bridge.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.config.VirtualKey;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the keys created through any bridge's admin endpoint from the compacted {@link Topics#KEYS} into the
 * {@link KeyRing}: all of them from the start, then each new one or revocation. It uses {@code assign()}: every bridge
 * needs every key.
 */
public final class KeyListener implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyListener.class);

    private final Consumer<String, byte[]> consumer;
    private final KeyRing ring;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    public KeyListener(Consumer<String, byte[]> consumer, KeyRing ring) {
        this.consumer = consumer;
        this.ring = ring;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = TopicPartitions.await(consumer, Topics.KEYS, running, () -> LOG.warn(
                    "Topic {} is not there yet; only configured keys are accepted until it is", Topics.KEYS));
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.error("Key listener woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("Key listener on {} stopped on an error", Topics.KEYS, e);
        } finally {
            caughtUp.countDown();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Takes one record: a key is added or replaced, a tombstone revokes it. */
    void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            ring.remove(record.key());
            return;
        }
        try {
            ring.put(record.key(), WireFormat.fromBytes(record.value(), VirtualKey.class));
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable key record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** Waits until the keys that existed at start are read, so a restarted bridge knows them before it serves. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops reading; the thread closes the consumer. */
    public void stop() {
        running.set(false);
        consumer.wakeup();
    }
}
