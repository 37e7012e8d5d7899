package io.llmrouter.bridge.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one shared topic on all its partitions and hands each record to a {@link RecordSink}.
 *
 * <p>It uses {@code assign()}, not a consumer group: every bridge needs every record. What it follows (keys made
 * at run time, discovered models, health reports) adds to what the configuration gives, so a missing topic or an
 * error stops the following, never the bridge.
 */
public final class TopicFollower implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** Where reading starts once the topic's partitions are known. */
    @FunctionalInterface
    public interface Start {

        /** Positions the consumer, already assigned these partitions. */
        void position(Consumer<String, byte[]> consumer, List<TopicPartition> partitions);
    }

    /** From the first record: a compacted topic read from its start holds the newest record of every key. */
    public static final Start FROM_BEGINNING = Consumer::seekToBeginning;

    private final String topic;
    private final Consumer<String, byte[]> consumer;
    private final Start start;
    private final RecordSink sink;
    private final String whileMissing;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    /** @param whileMissing what the bridge does without the topic, logged once when it does not exist yet; null for nothing */
    public TopicFollower(String topic, Consumer<String, byte[]> consumer, Start start, RecordSink sink,
                         String whileMissing) {
        this.topic = topic;
        this.consumer = consumer;
        this.start = start;
        this.sink = sink;
        this.whileMissing = whileMissing;
    }

    /** From the first record written within {@code lookBack}, or from the end of a partition with none. */
    public static Start since(Clock clock, Duration lookBack) {
        return (consumer, partitions) -> {
            long from = clock.millis() - lookBack.toMillis();
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(partition -> since.put(partition, from));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
        };
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = TopicPartitions.await(consumer, topic, running, () -> {
                if (whileMissing != null) {
                    LOG.warn("Topic {} is not there yet; {} until it is", topic, whileMissing);
                }
            });
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            start.position(consumer, partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    sink.apply(record);
                }
                if (caughtUp.getCount() > 0 && partitions.stream().allMatch(p -> consumer.position(p) >= end.getOrDefault(p, 0L))) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.error("Following {} was woken up unexpectedly", topic, e);
            }
        } catch (RuntimeException e) {
            LOG.error("Following {} stopped on an error", topic, e);
        } finally {
            caughtUp.countDown();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits until the records there at start are read (or the following stopped): a restarted bridge knows them. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops reading; the following thread closes the consumer. */
    public void stop() {
        running.set(false);
        consumer.wakeup();
    }
}
