package io.llmrouter.bridge.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/** The partitions of a topic the bridge follows with {@code assign()}, once the topic exists. */
final class TopicPartitions {

    private static final Duration RETRY = Duration.ofSeconds(1);

    private TopicPartitions() {
    }

    /**
     * The topic's partitions, asking again every second while it does not exist yet or the broker is starting.
     *
     * @param running   asking stops, with an empty list, once this is false
     * @param firstMiss runs once, the first time the topic is not there
     */
    static List<TopicPartition> await(Consumer<?, ?> consumer, String topic, AtomicBoolean running, Runnable firstMiss) {
        boolean missed = false;
        while (running.get()) {
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                if (!partitions.isEmpty()) {
                    return partitions;
                }
            } catch (TimeoutException e) {
                // The broker may be starting; asked again below.
            }
            if (!missed) {
                firstMiss.run();
                missed = true;
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }
}
