package io.llmrouter.bridge.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.StreamChunk;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this bridge instance's reply topic: stream chunks go to their streaming caller, replies complete their caller.
 *
 * <p>The {@value #TYPE_HEADER} header tells the two apart: {@value #CHUNK} for a {@link StreamChunk},
 * {@value #REPLY} for an {@link LlmReply}. A record without it is a reply, as older producers write them.
 *
 * <p>It uses {@code assign()}, not a consumer group: no rebalance can pause replies, and it starts
 * at the end of the topic, so replies meant for an earlier run of this instance are never delivered.
 */
public final class ReplyListener implements Runnable {

    /** Header naming the kind of record on a reply topic. */
    public static final String TYPE_HEADER = "llm.type";
    /** {@value #TYPE_HEADER} value of a {@link StreamChunk}. */
    public static final String CHUNK = "chunk";
    /** {@value #TYPE_HEADER} value of an {@link LlmReply}. */
    public static final String REPLY = "reply";

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
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        ready = true;
    }

    /** The reply topic's partitions; a topic created a moment ago may take a few metadata rounds to show them. */
    private List<TopicPartition> partitions() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Reply topic " + topic + " has no partitions after 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + topic, e);
            }
        }
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

    /** Routes one record of the reply topic by its {@value #TYPE_HEADER} header; unreadable records are skipped. */
    void deliver(ConsumerRecord<String, byte[]> record) {
        try {
            String type = typeOf(record);
            if (CHUNK.equals(type)) {
                StreamChunk chunk = WireFormat.fromBytes(record.value(), StreamChunk.class);
                if (!pending.deliver(chunk)) {
                    LOG.debug("No stream waits for chunk {} of {} any more", chunk.sequence(), chunk.requestId());
                }
            } else if (REPLY.equals(type)) {
                LlmReply reply = WireFormat.fromBytes(record.value(), LlmReply.class);
                if (!pending.complete(reply)) {
                    LOG.debug("No caller waits for reply {} any more", reply.requestId());
                }
            } else {
                LOG.warn("Skipping record of unknown {} '{}' at {}-{}@{}", TYPE_HEADER, type, record.topic(),
                        record.partition(), record.offset());
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable reply at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private static String typeOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(TYPE_HEADER);
        return header == null || header.value() == null ? REPLY : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Stops reading; the thread closes the consumer. */
    public void stop() {
        running.set(false);
        consumer.wakeup();
    }
}
