package io.llmrouter.bridge.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the workers' reports on {@link Topics#HEALTH} into a {@link ProviderHealth}, starting a little in the past
 * so that the first answer already has the last reports.
 *
 * <p>It uses {@code assign()}: every bridge needs every report. Health is a convenience for operators, so a missing
 * topic or an unreadable record never stops the bridge.
 */
public final class HealthListener implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthListener.class);
    private static final Duration LOOK_BACK = Duration.ofSeconds(30);

    private final Consumer<String, byte[]> consumer;
    private final ProviderHealth health;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public HealthListener(Consumer<String, byte[]> consumer, ProviderHealth health, Clock clock) {
        this.consumer = consumer;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = TopicPartitions.await(consumer, Topics.HEALTH, running, () -> { });
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            seekToRecent(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.error("Health listener woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("Health listener on {} stopped on an error", Topics.HEALTH, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void seekToRecent(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> since = new HashMap<>();
        partitions.forEach(partition -> since.put(partition, clock.millis() - LOOK_BACK.toMillis()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    /** Takes one report; an unreadable one is skipped. */
    void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() != null) {
                health.update(WireFormat.fromBytes(record.value(), HealthEvent.class));
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable health report at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** Stops reading; the thread closes the consumer. */
    public void stop() {
        running.set(false);
        consumer.wakeup();
    }
}
