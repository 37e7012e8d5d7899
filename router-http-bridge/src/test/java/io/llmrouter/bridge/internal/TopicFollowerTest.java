package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.llmrouter.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopicFollowerTest {

    private final TopicPartition partition = new TopicPartition(Topics.KEYS, 0);
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("latest");
    private final List<String> applied = new CopyOnWriteArrayList<>();
    private final TopicFollower follower = new TopicFollower(Topics.KEYS, consumer, TopicFollower.FROM_BEGINNING,
            record -> applied.add(record.key()), "only configured keys are accepted");
    private final Thread thread = new Thread(follower, "topic-follower-test");

    private ConsumerRecord<String, byte[]> record(long offset, String key) {
        return new ConsumerRecord<>(Topics.KEYS, 0, offset, key, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private void topicWithRecordsUpTo(long end) {
        consumer.updatePartitions(Topics.KEYS, List.of(new PartitionInfo(Topics.KEYS, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, end));
    }

    @AfterEach
    void stop() throws InterruptedException {
        follower.stop();
        thread.join(10_000);
    }

    @Test
    void handsEveryRecordFromTheTopicsBeginningToTheSink() {
        topicWithRecordsUpTo(2);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(0, "vk-a"));
            consumer.addRecord(record(1, "vk-b"));
        });

        thread.start();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> applied.size() == 2);
        assertThat(applied).containsExactly("vk-a", "vk-b");
        assertThat(consumer.assignment()).containsExactly(partition);
    }

    @Test
    void isCaughtUpOnceTheRecordsThereAtStartAreRead() throws InterruptedException {
        topicWithRecordsUpTo(1);
        consumer.schedulePollTask(() -> consumer.addRecord(record(0, "vk-a")));

        thread.start();

        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(applied).containsExactly("vk-a");
    }

    @Test
    void stoppingClosesTheConsumer() throws InterruptedException {
        topicWithRecordsUpTo(0);
        thread.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.assignment().isEmpty());

        follower.stop();
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(consumer.closed()).isTrue();
    }
}
