package io.llmrouter.bridge.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this bridge instance's reply topic and completes waiting callers.
 *
 * <p>It uses {@code assign()}, not a consumer group: no rebalance can pause replies, and it starts
 * at the end of the topic, so replies meant for an earlier run of this instance are never delivered.
 */
public final class ReplyListener implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyListener.class);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final PendingReplies pending;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean ready;

    public ReplyListener(Consumer<String, byte[]> consumer, String topic, PendingReplies pending) {
        this.consumer = consumer;
        this.topic = topic;
        this.pending = pending;
    }

    /** Assigns every partition of the reply topic and moves to its end; call before serving traffic. */
    public void positionAtEnd() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        ready = true;
    }

    /** True once the listener reads from the end of its topic. */
    public boolean isReady() {
        return ready && running.get();
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    deliver(record);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.error("Reply listener woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("Reply listener on {} stopped on an error", topic, e);
        } finally {
            ready = false;
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        try {
            LlmReply reply = WireFormat.fromBytes(record.value(), LlmReply.class);
            if (!pending.complete(reply)) {
                LOG.debug("No caller waits for reply {} any more", reply.requestId());
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable reply at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    /** Stops reading; the thread closes the consumer. */
    public void stop() {
        running.set(false);
        consumer.wakeup();
    }
}
