package io.llmrouter.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Reads a topic from the moment it is opened, and waits for records a test expects. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "client.id", "topic-reader-" + UUID.randomUUID()), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = partitionsOf(topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    // A topic created a moment ago may not be in the broker's metadata yet: its partition list comes back empty.
    private List<TopicPartition> partitionsOf(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            consumer.partitionsFor(topic, Duration.ofSeconds(5))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            return !partitions.isEmpty();
        });
        return partitions;
    }

    /** Starts reading a topic at its current end. */
    public static TopicReader fromNow(String bootstrapServers, String topic) {
        return new TopicReader(bootstrapServers, topic);
    }

    /** Waits until a record decoded as {@code type} matches, and returns it. */
    public <T> T await(Class<T> type, Predicate<T> match, Duration timeout) {
        List<T> found = new ArrayList<>();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
            poll();
            seen.stream().map(r -> WireFormat.fromBytes(r.value(), type)).filter(match).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /** Waits until {@code count} records decoded as {@code type} match, and returns them in arrival order. */
    public <T> List<T> awaitAll(Class<T> type, Predicate<T> match, int count, Duration timeout) {
        List<T> found = new ArrayList<>();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
            poll();
            found.clear();
            seen.stream().map(r -> WireFormat.fromBytes(r.value(), type)).filter(match).forEach(found::add);
            return found.size() >= count;
        });
        return List.copyOf(found);
    }

    /** Every record read so far, raw. */
    public List<ConsumerRecord<String, byte[]>> records() {
        poll();
        return List.copyOf(seen);
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(50)).forEach(seen::add);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
