package io.llmrouter.workers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PriorityBacklogTest {

    private static final int CAPACITY = 4;

    private static final TopicPartition CRITICAL = partition(Priority.CRITICAL, 0);
    private static final TopicPartition HIGH = partition(Priority.HIGH, 0);
    private static final TopicPartition NORMAL = partition(Priority.NORMAL, 0);
    private static final TopicPartition NORMAL_1 = partition(Priority.NORMAL, 1);
    private static final TopicPartition LOW = partition(Priority.LOW, 0);
    private static final List<TopicPartition> ASSIGNED = List.of(CRITICAL, HIGH, NORMAL, LOW);

    private final PriorityBacklog backlog = new PriorityBacklog(CAPACITY);
    private final Map<TopicPartition, Long> lag = new HashMap<>();
    private final Map<TopicPartition, Long> nextOffset = new HashMap<>();

    private static TopicPartition partition(Priority priority, int number) {
        return new TopicPartition(Topics.workTopic("p", priority), number);
    }

    /** Queues the next record of a partition, keyed {@code <topic>-<partition>@<offset>}. */
    private void fetch(TopicPartition partition) {
        long offset = nextOffset.merge(partition, 1L, Long::sum) - 1;
        backlog.add(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                partition + "@" + offset, new byte[0]));
    }

    private void fetch(TopicPartition partition, int records) {
        for (int i = 0; i < records; i++) {
            fetch(partition);
        }
    }

    private List<String> drain() {
        List<String> keys = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record = backlog.next(); record != null; record = backlog.next()) {
            keys.add(record.key());
        }
        return keys;
    }

    private Set<TopicPartition> toPause() {
        return backlog.toPause(ASSIGNED, p -> lag.getOrDefault(p, 0L));
    }

    @Test
    void theUrgencyOfARecordComesFromItsWorkTopic() {
        assertThat(PriorityBacklog.priorityOf("llm.work.p.low")).isEqualTo(Priority.LOW);
        assertThat(PriorityBacklog.priorityOf("llm.work.my.provider.critical")).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void anEmptyBacklogHasNothingNext() {
        assertThat(backlog.next()).isNull();
        assertThat(backlog.size()).isZero();
    }

    @Test
    void recordsComeOutMostUrgentFirst() {
        fetch(LOW);
        fetch(NORMAL);
        fetch(CRITICAL);
        fetch(HIGH);

        assertThat(drain()).containsExactly(CRITICAL + "@0", HIGH + "@0", NORMAL + "@0", LOW + "@0");
    }

    @Test
    void recordsOfOnePriorityComeOutInArrivalOrder() {
        fetch(NORMAL);
        fetch(NORMAL_1);
        fetch(NORMAL);
        fetch(NORMAL_1);

        assertThat(drain()).containsExactly(NORMAL + "@0", NORMAL_1 + "@0", NORMAL + "@1", NORMAL_1 + "@1");
    }

    @Test
    void aLaterUrgentRecordOvertakesEarlierLessUrgentOnes() {
        fetch(LOW, 2);
        backlog.next();
        fetch(HIGH);

        assertThat(drain()).containsExactly(HIGH + "@0", LOW + "@1");
    }

    @Test
    void sizeCountsQueuedRecords() {
        fetch(LOW, 2);
        fetch(HIGH);
        backlog.next();

        assertThat(backlog.size()).isEqualTo(2);
    }

    @Test
    void nothingIsPausedWhileNothingWaits() {
        assertThat(toPause()).isEmpty();
    }

    @Test
    void aQueuedUrgentRecordPausesEveryLessUrgentPartition() {
        fetch(HIGH);

        assertThat(toPause()).containsExactlyInAnyOrder(NORMAL, LOW);
    }

    @Test
    void lagOnAnUrgentPartitionPausesEveryLessUrgentPartition() {
        lag.put(HIGH, 3L);

        assertThat(toPause()).containsExactlyInAnyOrder(NORMAL, LOW);
    }

    @Test
    void theMostUrgentWaitingWorkDecidesBetweenQueueAndLag() {
        fetch(NORMAL);
        lag.put(CRITICAL, 1L);

        assertThat(toPause()).containsExactlyInAnyOrder(HIGH, NORMAL, LOW);
    }

    @Test
    void lessUrgentWorkWaitingPausesNothing() {
        fetch(LOW);
        lag.put(LOW, 10L);

        assertThat(toPause()).isEmpty();
    }

    @Test
    void belowCapacityThePartitionsOfTheQueuedPriorityKeepFetching() {
        fetch(NORMAL, CAPACITY - 1);

        assertThat(toPause()).containsExactly(LOW);
    }

    @Test
    void atCapacityOnlyPartitionsMoreUrgentThanTheLeastUrgentQueuedRecordKeepFetching() {
        fetch(LOW, CAPACITY);

        assertThat(toPause()).containsExactly(LOW);
    }

    @Test
    void atCapacityTheLeastUrgentQueuedRecordSetsTheLimit() {
        fetch(NORMAL, CAPACITY - 1);
        fetch(HIGH);

        assertThat(toPause()).as("high keeps fetching: it is more urgent than the queued normal records")
                .containsExactlyInAnyOrder(NORMAL, LOW);
    }

    @Test
    void atTwiceTheCapacityEveryPartitionPauses() {
        fetch(LOW, 2 * CAPACITY);

        assertThat(toPause()).containsExactlyInAnyOrderElementsOf(ASSIGNED);
    }

    @Test
    void justBelowTwiceTheCapacityMoreUrgentPartitionsStillFetch() {
        fetch(LOW, 2 * CAPACITY - 1);

        assertThat(toPause()).containsExactly(LOW);
    }

    @Test
    void takingRecordsOutResumesFetching() {
        fetch(LOW, 2 * CAPACITY);
        for (int i = 0; i < 2 * CAPACITY; i++) {
            backlog.next();
        }

        assertThat(toPause()).isEmpty();
    }

    @Test
    void forgetDropsTheRecordsOfRevokedPartitionsOnly() {
        fetch(NORMAL, 2);
        fetch(NORMAL_1, 2);
        fetch(HIGH);

        backlog.forget(List.of(NORMAL, HIGH));

        assertThat(backlog.size()).isEqualTo(2);
        assertThat(drain()).containsExactly(NORMAL_1 + "@0", NORMAL_1 + "@1");
    }

    @Test
    void forgottenUrgentRecordsNoLongerPauseOtherPartitions() {
        fetch(CRITICAL);

        backlog.forget(List.of(CRITICAL));

        assertThat(toPause()).isEmpty();
    }
}
